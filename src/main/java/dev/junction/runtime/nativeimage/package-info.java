/**
 * Native image: the classes Junction registers for reflection for the plain Camel components and the JDK
 * classes routes name, and the build's check that routes name nothing unregistered.
 */
package dev.junction.runtime.nativeimage;
