/**
 * Reading untrusted JSON: read limits, JSON Schema validation with every offending field named, the 400
 * problem for it, array splitting, and the REST DSL's request checks.
 */
package dev.junction.runtime.json;
