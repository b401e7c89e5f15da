/**
 * RFC 9457 problem documents, the one builder of every error body Junction answers. A leaf: it imports no
 * other Junction package and knows no feature or integration.
 */
package dev.junction.runtime.problem;
