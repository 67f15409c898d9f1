/// The PostgreSQL migrations embedded in the binary, in order. Add each new file here and in Package.swift.
public enum PostgresMigrationFiles {
    public static let all: [(name: String, sql: [UInt8])] = [
        ("0001_identity.sql", PackageResources._001_identity_sql),
        ("0002_co_ownership.sql", PackageResources._002_co_ownership_sql),
        ("0003_budgets.sql", PackageResources._003_budgets_sql),
        ("0004_ledger.sql", PackageResources._004_ledger_sql),
        ("0005_calls_for_funds.sql", PackageResources._005_calls_for_funds_sql),
        ("0006_budget_alerts_and_payments.sql", PackageResources._006_budget_alerts_and_payments_sql),
        ("0007_maintenance.sql", PackageResources._007_maintenance_sql),
        ("0008_preventive_and_jobs.sql", PackageResources._008_preventive_and_jobs_sql),
        ("0009_notification_email.sql", PackageResources._009_notification_email_sql),
        ("0010_dispatch.sql", PackageResources._010_dispatch_sql),
        ("0011_ride_interventions.sql", PackageResources._011_ride_interventions_sql),
        ("0012_driver_stats.sql", PackageResources._012_driver_stats_sql),
        ("0013_planning_order.sql", PackageResources._013_planning_order_sql),
        ("0014_member_profile.sql", PackageResources._014_member_profile_sql),
        ("0015_mail_queue.sql", PackageResources._015_mail_queue_sql),
        ("0016_scale_out.sql", PackageResources._016_scale_out_sql),
        ("0017_sign_in_security.sql", PackageResources._017_sign_in_security_sql),
        ("0018_audit_chain.sql", PackageResources._018_audit_chain_sql),
        ("0019_privacy.sql", PackageResources._019_privacy_sql),
        ("0020_notification_preferences.sql", PackageResources._020_notification_preferences_sql),
        ("0021_rectification.sql", PackageResources._021_rectification_sql),
        ("0022_consents.sql", PackageResources._022_consents_sql),
        ("0023_restriction.sql", PackageResources._023_restriction_sql),
        ("0024_personal_data_reads.sql", PackageResources._024_personal_data_reads_sql),
    ]
}
