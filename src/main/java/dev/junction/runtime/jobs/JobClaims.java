package dev.junction.runtime.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes a scheduled job run on one replica per tick. Every replica's scheduler fires at the same scheduled time;
 * the first to move the job's {@code last_tick} forward to that time in the shared database runs it, the others see
 * the tick taken. One UPDATE, serialised by the row lock: no lease renewal, no clock agreement beyond the schedule.
 * A run also holds the job until it ends (or {@code junction.jobs.max-run} passes, should its replica die), so a run
 * that outlasts the interval is not joined by a second one.
 * <p>
 * Why not Camel's master component: its cluster services need ZooKeeper, Consul, Kubernetes leases or a shared file
 * system, and Junction already has the one thing every replica shares, the database.
 */
@Singleton
@Named("jobClaims")
@RegisterForReflection // routes call claim() and release() by name
public class JobClaims {

    private static final Logger LOG = Logger.getLogger(JobClaims.class);

    private final AgroalDataSource dataSource;
    private final Duration maxRun;
    private final String owner;

    public JobClaims(AgroalDataSource dataSource, @ConfigProperty(name = "junction.jobs.max-run") Duration maxRun) {
        this.dataSource = dataSource;
        this.maxRun = maxRun;
        // Says which replica holds a job (HOSTNAME is the pod name in Kubernetes); the UUID keeps it unique.
        this.owner = System.getenv().getOrDefault("HOSTNAME", "localhost") + "/" + ProcessHandle.current().pid()
                + "/" + UUID.randomUUID();
    }

    /**
     * Claims the tick scheduled at {@code scheduledAt} for this replica; false when another one has it. Without a
     * scheduled time (a run started by hand) the tick is now.
     */
    public boolean claim(String job, Date scheduledAt) throws SQLException {
        Date tick = scheduledAt != null ? scheduledAt : new Date();
        return claim(job, tick.toInstant().atOffset(ZoneOffset.UTC), owner);
    }

    boolean claim(String job, OffsetDateTime tick, String claimant) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        return update("UPDATE job_claim SET last_tick = ?, owner = ?, running_until = ? WHERE job = ?"
                + " AND last_tick < ? AND (running_until IS NULL OR running_until < ?)",
                tick, claimant, now.plus(maxRun), job, tick, now) == 1;
    }

    /**
     * Ends this replica's run of the job, so the next tick may start. Never fails the run: a claim that cannot be
     * released (database gone) runs out after junction.jobs.max-run anyway.
     */
    public void release(String job) {
        release(job, owner);
    }

    void release(String job, String claimant) {
        try {
            update("UPDATE job_claim SET running_until = NULL WHERE job = ? AND owner = ?", job, claimant);
        } catch (SQLException e) {
            LOG.warnf("Job %s stays claimed until its max run time passes; releasing it failed: %s", job, e);
        }
    }

    /** Runs one UPDATE, the parameters in order; the count of rows it changed. */
    private int update(String sql, Object... params) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                update.setObject(i + 1, params[i]);
            }
            return update.executeUpdate();
        }
    }
}
