/**
 * Reading untrusted XML: the JDK parser hardened, a document declaring a DOCTYPE refused outright, nothing
 * external fetched.
 */
package dev.junction.runtime.xml;
