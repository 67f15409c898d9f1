public import Application
import Configuration
import Domain
public import Foundation
public import Logging
public import MailAdapters
import SQLAdapters
public import StorageAdapters

/// Everything Gestio reads from its environment, read once at the edge, with safe local defaults.
/// Environment: GESTIO_DATABASE_URL, GESTIO_JWT_SECRET, GESTIO_HOST, GESTIO_PORT, GESTIO_LOG_LEVEL,
/// GESTIO_BCRYPT_COST, GESTIO_DB_MAX_CONNECTIONS. Command-line options override them.
public struct GestioConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Zero-config default: an SQLite file in the working directory, created on first start.
    public var databaseURL = "sqlite://gestio.sqlite"
    /// When nil, a secret is generated on first start and kept in the database.
    public var jwtSecret: String?
    /// Key material sealing TOTP secrets (GESTIO_TOTP_KEY, at least 32 bytes); when nil, one is
    /// generated on first start and kept in the database.
    public var totpKey: String?
    public var bcryptCost: UInt8 = 12
    public var logLevel: Logger.Level = .info
    /// `text` lines for people, or one JSON object per line for log pipelines.
    public var logFormat: LogFormat = .text
    public var maxDatabaseConnections = 20
    /// Origins whose browser front-ends may call the API (GESTIO_CORS_ORIGINS, comma-separated).
    public var corsOrigins: Set<String> = []
    /// `Strict-Transport-Security` max-age in seconds (GESTIO_HSTS_MAX_AGE), for a deployment
    /// behind TLS; unset sends no HSTS header.
    public var hstsMaxAge: Int?
    /// Read-only connections beside SQLite's writer (GESTIO_SQLITE_READERS; 0 reads on the writer).
    public var sqliteReaders = SQLPersistence.defaultSQLiteReaders
    public var accessTokenLifetime: TimeInterval = 15 * 60
    /// Run the periodic jobs inside `gestio serve` (GESTIO_SCHEDULER=1 or `--scheduler`).
    public var schedulerEnabled = false
    /// Where files Gestio writes are kept by default (GESTIO_DATA_DIR): the outbox and backups go
    /// in it. When unset: beside an SQLite database file (`gestio.sqlite.data/`), or the user's
    /// data directory (`$XDG_DATA_HOME/gestio`, else `~/.local/share/gestio`) for PostgreSQL and
    /// in-memory databases, so nothing lands in a source checkout by accident.
    public var dataDirectory: String?
    /// Where the outbox mailer writes notification emails (GESTIO_MAIL_OUTBOX; `<data>/outbox`).
    public var mailOutbox: String {
        get { mailOutboxSetting ?? dataPath("outbox") }
        set { mailOutboxSetting = newValue }
    }
    private var mailOutboxSetting: String?
    /// The sender of every email (GESTIO_MAIL_FROM).
    public var mailFrom = "gestio@localhost"
    /// When set (GESTIO_SMTP_HOST and friends), email goes through this SMTP server instead of
    /// the outbox directory.
    public var smtp: SMTPSettings?
    /// The public booking form's captcha: with a secret (GESTIO_CAPTCHA_SECRET), tokens are checked
    /// with GESTIO_CAPTCHA_VERIFY_URL (reCAPTCHA-compatible); without, only the local test
    /// token (GESTIO_CAPTCHA_TEST_TOKEN) passes.
    public var captchaSecret: String?
    public var captchaSiteKey = "local-test-site-key"
    public var captchaVerifyURL = "https://www.google.com/recaptcha/api/siteverify"
    public var captchaTestToken = "local-captcha-ok"
    /// Where backups go (GESTIO_BACKUP_DIR), how many are kept (GESTIO_BACKUP_KEEP), and the
    /// PostgreSQL dump tool (GESTIO_PG_DUMP, found on PATH by default).
    /// (`<data>/backups` by default.)
    public var backupDirectory: String {
        get { backupDirectorySetting ?? dataPath("backups") }
        set { backupDirectorySetting = newValue }
    }
    private var backupDirectorySetting: String?
    public var backupKeep = 7
    /// Where documents' bytes are kept on disk (GESTIO_DOCUMENTS_DIR; `<data>/documents`).
    public var documentsDirectory: String {
        get { documentsDirectorySetting ?? dataPath("documents") }
        set { documentsDirectorySetting = newValue }
    }
    private var documentsDirectorySetting: String?
    /// Documents' bytes in an S3-compatible bucket instead of on disk (GESTIO_S3_BUCKET turns it
    /// on; GESTIO_S3_ENDPOINT, GESTIO_S3_REGION, GESTIO_S3_ACCESS_KEY_ID and
    /// GESTIO_S3_SECRET_ACCESS_KEY say where and with which keys). Uploads are still staged in
    /// the documents directory.
    public var s3: S3Settings?
    /// The largest upload (GESTIO_UPLOAD_MAX_MB, 25), an organization's storage unless the
    /// operator set its own (GESTIO_DOCUMENT_QUOTA_MB, 10,240), and how long a deleted document is
    /// kept (GESTIO_DOCUMENT_RETENTION_DAYS, 30).
    public var documentLimits = DocumentLimits()
    /// Where the PDF renderer finds DejaVuSans.ttf and DejaVuSans-Bold.ttf (GESTIO_PDF_FONT_DIR).
    public var pdfFontDirectory = "/usr/share/fonts/truetype/dejavu"
    /// Pages read by OCR at once, one Tesseract engine each (GESTIO_OCR_WORKERS, 0 turns reading off).
    public var ocrWorkers = 1
    /// Tesseract's language models (GESTIO_TESSDATA_DIR; default TESSDATA_PREFIX or Debian's folder).
    public var tessdataDirectory: String?
    /// How long reads of personal data stay in the access log (GESTIO_ACCESS_LOG_RETENTION_DAYS).
    public var accessLogRetentionDays = 365
    /// When the daily backup runs, in minutes after midnight UTC (GESTIO_BACKUP_AT, `HH:MM`; 03:00).
    public var backupMinuteOfDay = 3 * 60
    public var pgDump = "pg_dump"
    /// The web app's address, for links in emails (GESTIO_PUBLIC_URL).
    public var publicURL = "http://127.0.0.1:8080"
    /// Public bookings accepted per client address and hour (GESTIO_PUBLIC_RATE_LIMIT).
    public var publicBookingsPerHour = 10
    /// Registration cards an account may have read an hour (GESTIO_CARD_READS_PER_HOUR): each is
    /// seconds of OCR.
    public var cardReadsPerHour = VehicleIntake.readsPerHour
    /// The Stripe-compatible payment API the organizations' keys are used with
    /// (GESTIO_PAYMENT_API_URL); each organization gives its own keys.
    public var paymentAPIURL = "https://api.stripe.com"
    /// The booking assistant's optional language model: an OpenAI-compatible API's base URL
    /// (GESTIO_LLM_URL, e.g. `https://api.openai.com/v1`), its key (GESTIO_LLM_KEY) and model
    /// (GESTIO_LLM_MODEL). Without it the assistant answers with its built-in engine alone.
    public var languageModel: LanguageModelSettings?

    public struct LanguageModelSettings: Sendable, Equatable {
        public var url: String
        public var key: String
        public var model: String

        public init(url: String, key: String, model: String) {
            self.url = url
            self.key = key
            self.model = model
        }
    }

    public init() {}

    /// The default data directory: GESTIO_DATA_DIR, else beside the SQLite file, else the user's.
    public var resolvedDataDirectory: String {
        if let dataDirectory { return dataDirectory }
        if case .sqliteFile(let path) = try? DatabaseLocation(url: databaseURL) { return path + ".data" }
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/gestio" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        return home + "/.local/share/gestio"
    }

    private func dataPath(_ name: String) -> String {
        URL(fileURLWithPath: resolvedDataDirectory).appendingPathComponent(name).path
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let key: String
        public let value: String
        public let expected: String
        public var description: String { "configuration \(key)=\"\(value)\" is invalid: expected \(expected)" }
    }

    /// Reads the environment (through swift-configuration); bad values are named in the error.
    /// `scheme://host[:port]`, as a browser sends it in `Origin`: no path, no trailing slash.
    static func isOrigin(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty,
            components.path.isEmpty, components.query == nil, components.fragment == nil, components.user == nil
        else { return false }
        return true
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> GestioConfiguration
    {
        let reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
        var configuration = GestioConfiguration()
        if let host = reader.string(forKey: "gestio.host") { configuration.host = host }
        if let port = reader.string(forKey: "gestio.port") {
            configuration.port = try parse(port, key: "GESTIO_PORT", expected: "a port 0...65535") {
                Int($0).flatMap { (0...65535).contains($0) ? $0 : nil }
            }
        }
        if let url = reader.string(forKey: "gestio.database.url") { configuration.databaseURL = url }
        if let secret = reader.string(forKey: "gestio.jwt.secret", isSecret: true), !secret.isEmpty {
            guard secret.utf8.count >= 32 else {
                throw Invalid(key: "GESTIO_JWT_SECRET", value: "<hidden>", expected: "at least 32 bytes")
            }
            configuration.jwtSecret = secret
        }
        if let key = reader.string(forKey: "gestio.totp.key", isSecret: true), !key.isEmpty {
            guard key.utf8.count >= 32 else {
                throw Invalid(key: "GESTIO_TOTP_KEY", value: "<hidden>", expected: "at least 32 bytes")
            }
            configuration.totpKey = key
        }
        if let level = reader.string(forKey: "gestio.log.level") {
            configuration.logLevel = try parse(
                level, key: "GESTIO_LOG_LEVEL", expected: "trace|debug|info|notice|warning|error|critical"
            ) {
                Logger.Level(rawValue: $0.lowercased())
            }
        }
        if let format = reader.string(forKey: "gestio.log.format") {
            configuration.logFormat = try parse(format, key: "GESTIO_LOG_FORMAT", expected: "text or json") {
                LogFormat(rawValue: $0.lowercased())
            }
        }
        if let cost = reader.string(forKey: "gestio.bcrypt.cost") {
            configuration.bcryptCost = try parse(cost, key: "GESTIO_BCRYPT_COST", expected: "an integer 4...31") {
                UInt8($0).flatMap { (4...31).contains($0) ? $0 : nil }
            }
        }
        if let connections = reader.string(forKey: "gestio.db.max.connections") {
            configuration.maxDatabaseConnections = try parse(
                connections, key: "GESTIO_DB_MAX_CONNECTIONS", expected: "an integer 1...500"
            ) { Int($0).flatMap { (1...500).contains($0) ? $0 : nil } }
        }
        if let origins = reader.string(forKey: "gestio.cors.origins") {
            var allowed: Set<String> = []
            for raw in origins.split(separator: ",") {
                let origin = raw.trimmingCharacters(in: .whitespaces)
                allowed.insert(
                    try parse(origin, key: "GESTIO_CORS_ORIGINS", expected: "origins such as https://app.example.com") {
                        Self.isOrigin($0) ? $0 : nil
                    })
            }
            configuration.corsOrigins = allowed
        }
        if let maxAge = reader.string(forKey: "gestio.hsts.max.age") {
            configuration.hstsMaxAge = try parse(
                maxAge, key: "GESTIO_HSTS_MAX_AGE", expected: "seconds, 0...63072000"
            ) { Int($0).flatMap { (0...63_072_000).contains($0) ? $0 : nil } }
        }
        if let readers = reader.string(forKey: "gestio.sqlite.readers") {
            configuration.sqliteReaders = try parse(
                readers, key: "GESTIO_SQLITE_READERS", expected: "an integer 0...16"
            ) {
                Int($0).flatMap { (0...16).contains($0) ? $0 : nil }
            }
        }
        if let directory = reader.string(forKey: "gestio.data.dir"), !directory.isEmpty {
            configuration.dataDirectory = directory
        }
        if let outbox = reader.string(forKey: "gestio.mail.outbox"), !outbox.isEmpty {
            configuration.mailOutbox = outbox
        }
        if let from = reader.string(forKey: "gestio.mail.from"), !from.isEmpty {
            guard (try? Email(from)) != nil else {
                throw Invalid(key: "GESTIO_MAIL_FROM", value: from, expected: "an email address")
            }
            configuration.mailFrom = from
        }
        configuration.smtp = try smtpSettings(reader)
        if let secret = reader.string(forKey: "gestio.captcha.secret", isSecret: true), !secret.isEmpty {
            configuration.captchaSecret = secret
            guard let siteKey = reader.string(forKey: "gestio.captcha.site.key"), !siteKey.isEmpty else {
                throw Invalid(
                    key: "GESTIO_CAPTCHA_SITE_KEY", value: "", expected: "the site key that goes with the secret")
            }
            configuration.captchaSiteKey = siteKey
        }
        if let url = reader.string(forKey: "gestio.captcha.verify.url"), !url.isEmpty {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw Invalid(key: "GESTIO_CAPTCHA_VERIFY_URL", value: url, expected: "an http(s) URL")
            }
            configuration.captchaVerifyURL = url
        }
        if let token = reader.string(forKey: "gestio.captcha.test.token"), !token.isEmpty {
            configuration.captchaTestToken = token
        }
        if let directory = reader.string(forKey: "gestio.backup.dir"), !directory.isEmpty {
            configuration.backupDirectory = directory
        }
        if let keep = reader.string(forKey: "gestio.backup.keep") {
            configuration.backupKeep = try parse(keep, key: "GESTIO_BACKUP_KEEP", expected: "an integer 1...1000") {
                Int($0).flatMap { (1...1000).contains($0) ? $0 : nil }
            }
        }
        if let directory = reader.string(forKey: "gestio.pdf.font.dir"), !directory.isEmpty {
            configuration.pdfFontDirectory = directory
        }
        if let workers = reader.string(forKey: "gestio.ocr.workers") {
            configuration.ocrWorkers = try parse(workers, key: "GESTIO_OCR_WORKERS", expected: "an integer 0...16") {
                Int($0).flatMap { (0...16).contains($0) ? $0 : nil }
            }
        }
        if let directory = reader.string(forKey: "gestio.tessdata.dir"), !directory.isEmpty {
            configuration.tessdataDirectory = directory
        }
        if let directory = reader.string(forKey: "gestio.documents.dir"), !directory.isEmpty {
            configuration.documentsDirectory = directory
        }
        configuration.s3 = try s3Settings(reader)
        if let megabytes = reader.string(forKey: "gestio.upload.max.mb") {
            configuration.documentLimits.maxUploadBytes = try parse(
                megabytes, key: "GESTIO_UPLOAD_MAX_MB", expected: "a number of megabytes 1...10000"
            ) { Int64($0).flatMap { (1...10_000).contains($0) ? $0 * 1_000_000 : nil } }
        }
        if let megabytes = reader.string(forKey: "gestio.document.quota.mb") {
            configuration.documentLimits.defaultQuotaBytes = try parse(
                megabytes, key: "GESTIO_DOCUMENT_QUOTA_MB", expected: "a number of megabytes 0...100000000"
            ) { Int64($0).flatMap { (0...100_000_000).contains($0) ? $0 * 1_000_000 : nil } }
        }
        if let days = reader.string(forKey: "gestio.document.retention.days") {
            configuration.documentLimits.retentionDays = try parse(
                days, key: "GESTIO_DOCUMENT_RETENTION_DAYS", expected: "a number of days 1...3650"
            ) { Int($0).flatMap { (1...3650).contains($0) ? $0 : nil } }
        }
        if let days = reader.string(forKey: "gestio.access.log.retention.days") {
            configuration.accessLogRetentionDays = try parse(
                days, key: "GESTIO_ACCESS_LOG_RETENTION_DAYS", expected: "a number of days 1...3650"
            ) { Int($0).flatMap { (1...3650).contains($0) ? $0 : nil } }
        }
        if let time = reader.string(forKey: "gestio.backup.at") {
            configuration.backupMinuteOfDay = try parse(time, key: "GESTIO_BACKUP_AT", expected: "a UTC time HH:MM") {
                let parts = $0.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]),
                    let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
                else { return nil }
                return hour * 60 + minute
            }
        }
        if let tool = reader.string(forKey: "gestio.pg.dump"), !tool.isEmpty { configuration.pgDump = tool }
        if let url = reader.string(forKey: "gestio.public.url"), !url.isEmpty {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw Invalid(key: "GESTIO_PUBLIC_URL", value: url, expected: "an http(s) URL")
            }
            configuration.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let url = reader.string(forKey: "gestio.payment.api.url"), !url.isEmpty {
            guard isOrigin(url) else {
                throw Invalid(key: "GESTIO_PAYMENT_API_URL", value: url, expected: "an http(s) origin, without a path")
            }
            configuration.paymentAPIURL = url
        }
        if let url = reader.string(forKey: "gestio.llm.url"), !url.isEmpty {
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), URL(string: url)?.host != nil else {
                throw Invalid(key: "GESTIO_LLM_URL", value: url, expected: "an http(s) URL")
            }
            configuration.languageModel = LanguageModelSettings(
                url: url, key: reader.string(forKey: "gestio.llm.key", isSecret: true) ?? "",
                model: reader.string(forKey: "gestio.llm.model").flatMap { $0.isEmpty ? nil : $0 } ?? "gpt-4o-mini")
        }
        if let limit = reader.string(forKey: "gestio.card.reads.per.hour") {
            configuration.cardReadsPerHour = try parse(
                limit, key: "GESTIO_CARD_READS_PER_HOUR", expected: "an integer 1...100000"
            ) { Int($0).flatMap { (1...100_000).contains($0) ? $0 : nil } }
        }
        if let limit = reader.string(forKey: "gestio.public.rate.limit") {
            configuration.publicBookingsPerHour = try parse(
                limit, key: "GESTIO_PUBLIC_RATE_LIMIT", expected: "an integer 1...100000"
            ) { Int($0).flatMap { (1...100_000).contains($0) ? $0 : nil } }
        }
        if let scheduler = reader.string(forKey: "gestio.scheduler") {
            configuration.schedulerEnabled = try parse(
                scheduler, key: "GESTIO_SCHEDULER", expected: "1, 0, true or false"
            ) {
                switch $0.lowercased() {
                case "1", "true": true
                case "0", "false": false
                default: nil
                }
            }
        }
        return configuration
    }

    private static func s3Settings(_ reader: ConfigReader) throws -> S3Settings? {
        guard let bucket = reader.string(forKey: "gestio.s3.bucket"), !bucket.isEmpty else { return nil }
        guard S3Settings.isBucketName(bucket) else {
            throw Invalid(
                key: "GESTIO_S3_BUCKET", value: bucket, expected: "a bucket name (3 to 63 a-z, 0-9, '.', '-')")
        }
        let region = reader.string(forKey: "gestio.s3.region").flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
        guard region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw Invalid(key: "GESTIO_S3_REGION", value: region, expected: "a region name such as eu-west-1")
        }
        let endpoint =
            reader.string(forKey: "gestio.s3.endpoint").flatMap { $0.isEmpty ? nil : $0 }
            ?? "https://s3.\(region).amazonaws.com"
        guard let url = URL(string: endpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
            url.path.isEmpty || url.path == "/", url.query == nil
        else {
            throw Invalid(key: "GESTIO_S3_ENDPOINT", value: endpoint, expected: "http(s)://host[:port], no path")
        }
        guard let keyID = reader.string(forKey: "gestio.s3.access.key.id"), !keyID.isEmpty else {
            throw Invalid(
                key: "GESTIO_S3_ACCESS_KEY_ID", value: "", expected: "the access key that goes with the bucket")
        }
        guard let secret = reader.string(forKey: "gestio.s3.secret.access.key", isSecret: true), !secret.isEmpty
        else {
            throw Invalid(key: "GESTIO_S3_SECRET_ACCESS_KEY", value: "", expected: "the secret of the access key")
        }
        return S3Settings(
            endpoint: endpoint, bucket: bucket, region: region, accessKeyID: keyID, secretAccessKey: secret)
    }

    /// GESTIO_SMTP_HOST turns SMTP on; GESTIO_SMTP_PORT, GESTIO_SMTP_SECURITY
    /// (starttls|tls|none), GESTIO_SMTP_USERNAME, GESTIO_SMTP_PASSWORD, GESTIO_SMTP_CA_FILE refine it.
    private static func smtpSettings(_ reader: ConfigReader) throws -> SMTPSettings? {
        guard let host = reader.string(forKey: "gestio.smtp.host"), !host.isEmpty else { return nil }
        let security = try reader.string(forKey: "gestio.smtp.security").map { raw in
            try parse(raw, key: "GESTIO_SMTP_SECURITY", expected: "starttls, tls or none") {
                SMTPSecurity(rawValue: $0.lowercased())
            }
        }
        let port = try reader.string(forKey: "gestio.smtp.port").map { raw in
            try parse(raw, key: "GESTIO_SMTP_PORT", expected: "a port 1...65535") {
                Int($0).flatMap { (1...65535).contains($0) ? $0 : nil }
            }
        }
        let username = reader.string(forKey: "gestio.smtp.username").flatMap { $0.isEmpty ? nil : $0 }
        if username != nil, security == SMTPSecurity.none {
            throw Invalid(
                key: "GESTIO_SMTP_SECURITY", value: "none", expected: "starttls or tls when a username is set")
        }
        return SMTPSettings(
            host: host, port: port, security: security ?? .starttls, username: username,
            password: reader.string(forKey: "gestio.smtp.password", isSecret: true),
            trustedCertificatesFile: reader.string(forKey: "gestio.smtp.ca.file").flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func parse<T>(_ raw: String, key: String, expected: String, _ transform: (String) -> T?) throws -> T
    {
        guard let value = transform(raw) else { throw Invalid(key: key, value: raw, expected: expected) }
        return value
    }
}
