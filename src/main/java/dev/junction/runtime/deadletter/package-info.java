/**
 * The dead-letter store every route's dead-letter channel ends in: the database, a file journal while it is
 * down, encryption at rest, retention, replay one by one or as background jobs, and their operations API.
 */
package dev.junction.runtime.deadletter;
