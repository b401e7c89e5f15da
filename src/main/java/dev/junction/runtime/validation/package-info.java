/**
 * Route file validation: Camel's YAML DSL parser, endpoint URIs against the component catalog, placeholders,
 * route and step ids, direct: endpoints; one validator for the command line, startup and every reload.
 */
package dev.junction.runtime.validation;
