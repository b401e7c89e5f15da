/**
 * Route files: loaded from {@code junction.routes.dir} after validation, reloaded one file at a time while
 * Junction runs, and their operations API.
 */
package dev.junction.runtime.reload;
