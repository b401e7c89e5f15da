/**
 * The sample integrations, one package per route file of {@code routes/}: the beans only they call. A
 * deployment of its own routes may delete them; the runtime never imports them.
 */
package dev.junction.samples;
