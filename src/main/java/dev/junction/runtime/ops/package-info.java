/**
 * What every part of the operations API ({@code /api/ops/*}) shares: the REST base class, request reading,
 * answers and errors, the audit of who did what, and {@code /api/ops/about}.
 */
package dev.junction.runtime.ops;
