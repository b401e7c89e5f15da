/**
 * Junction's datasource: the statement, lock and idle timeouts every connection gets, and JTA transactions
 * routes run steps in ({@code inTransaction}).
 */
package dev.junction.runtime.database;
