/**
 * Scheduled jobs across replicas: one replica claims each tick in the shared database and holds the job
 * while its run lasts.
 */
package dev.junction.runtime.jobs;
