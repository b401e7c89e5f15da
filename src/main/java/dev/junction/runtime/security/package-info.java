/**
 * Who may call what: API keys (hashed, rotatable) beside JWTs, roles per path, and the problem bodies of
 * refused requests.
 */
package dev.junction.runtime.security;
