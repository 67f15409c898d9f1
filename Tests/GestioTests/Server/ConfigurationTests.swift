import Bootstrap
import Foundation
import Testing

@Suite("Configuration and schedules")
struct ConfigurationTests {
    @Test("Dispatch settings are read from the environment, and bad values are named")
    func dispatchSettings() throws {
        let configuration = try GestioConfiguration.fromEnvironment([
            "GESTIO_PUBLIC_URL": "https://app.taxis.example/", "GESTIO_CAPTCHA_SECRET": "s3cret",
            "GESTIO_CAPTCHA_SITE_KEY": "site-123", "GESTIO_CAPTCHA_VERIFY_URL": "https://captcha.example/verify",
            "GESTIO_PUBLIC_RATE_LIMIT": "25", "GESTIO_BACKUP_AT": "02:30", "GESTIO_BACKUP_KEEP": "3",
        ])
        #expect(configuration.publicURL == "https://app.taxis.example")
        #expect(configuration.captchaSecret == "s3cret")
        #expect(configuration.captchaSiteKey == "site-123")
        #expect(configuration.captchaVerifyURL == "https://captcha.example/verify")
        #expect(configuration.publicBookingsPerHour == 25)
        #expect(configuration.backupMinuteOfDay == 150)
        #expect(configuration.backupKeep == 3)
        #expect(try GestioConfiguration.fromEnvironment([:]).backupMinuteOfDay == 180)
        for (key, value) in [
            ("GESTIO_PUBLIC_URL", "app.taxis.example"), ("GESTIO_CAPTCHA_VERIFY_URL", "ftp://x"),
            ("GESTIO_PUBLIC_RATE_LIMIT", "many"), ("GESTIO_BACKUP_AT", "3:00"), ("GESTIO_BACKUP_AT", "24:00"),
            ("GESTIO_BACKUP_AT", "03:60"), ("GESTIO_BACKUP_KEEP", "0"),
        ] {
            #expect(throws: GestioConfiguration.Invalid.self, "\(key)=\(value)") {
                try GestioConfiguration.fromEnvironment([key: value])
            }
        }
    }

    @Test("Security and privacy settings: the TOTP key (at least 32 bytes, never echoed), the access log's retention")
    func securitySettings() throws {
        let key = String(repeating: "k", count: 32)
        let configuration = try GestioConfiguration.fromEnvironment([
            "GESTIO_TOTP_KEY": key, "GESTIO_ACCESS_LOG_RETENTION_DAYS": "90",
        ])
        #expect(configuration.totpKey == key)
        #expect(configuration.accessLogRetentionDays == 90)
        let defaults = try GestioConfiguration.fromEnvironment([:])
        #expect(defaults.totpKey == nil, "generated on first start and kept in the database")
        #expect(defaults.accessLogRetentionDays == 365)
        do {
            _ = try GestioConfiguration.fromEnvironment(["GESTIO_TOTP_KEY": "short-secret"])
            Issue.record("a short TOTP key was accepted")
        } catch let error as GestioConfiguration.Invalid {
            #expect(!"\(error)".contains("short-secret"), "the key is not echoed: \(error)")
        }
        for days in ["0", "3651", "a year"] {
            #expect(throws: GestioConfiguration.Invalid.self, "GESTIO_ACCESS_LOG_RETENTION_DAYS=\(days)") {
                try GestioConfiguration.fromEnvironment(["GESTIO_ACCESS_LOG_RETENTION_DAYS": days])
            }
        }
    }

    @Test("The outbox and backups go beside the SQLite file, in GESTIO_DATA_DIR, or in the user's data directory")
    func dataDirectory() throws {
        var configuration = try GestioConfiguration.fromEnvironment([:])
        configuration.databaseURL = "sqlite:///srv/gestio/prod.sqlite"
        #expect(configuration.mailOutbox == "/srv/gestio/prod.sqlite.data/outbox")
        #expect(configuration.backupDirectory == "/srv/gestio/prod.sqlite.data/backups")
        configuration.databaseURL = "postgres://gestio@db.local/gestio"
        #expect(!configuration.mailOutbox.hasPrefix(FileManager.default.currentDirectoryPath + "/"))
        #expect(configuration.backupDirectory.hasSuffix("/gestio/backups"))
        let chosen = try GestioConfiguration.fromEnvironment([
            "GESTIO_DATA_DIR": "/var/lib/gestio", "GESTIO_BACKUP_DIR": "/mnt/backups",
        ])
        #expect(chosen.mailOutbox == "/var/lib/gestio/outbox")
        #expect(chosen.backupDirectory == "/mnt/backups")
    }

    @Test("A daily job runs next at its UTC time, today if it is still ahead, else tomorrow")
    func dailySchedule() {
        let schedule = JobSchedule.dailyAt(minutes: 3 * 60)
        let day = Date(timeIntervalSince1970: 1_795_132_800)  // 2026-11-20 00:00 UTC
        #expect(schedule.nextRun(after: day.addingTimeInterval(3600)) == day.addingTimeInterval(3 * 3600))
        #expect(schedule.nextRun(after: day.addingTimeInterval(3 * 3600)) == day.addingTimeInterval(27 * 3600))
        #expect(schedule.nextRun(after: day.addingTimeInterval(23 * 3600)) == day.addingTimeInterval(27 * 3600))
        #expect(JobSchedule.every(.seconds(300)).nextRun(after: day) == day.addingTimeInterval(300))
        #expect(schedule.description == "daily at 03:00 UTC")
    }
}
