// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Gestio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gestio", targets: ["GestioCLI"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "Application", targets: ["Application"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
    ],
    targets: [
        // Pure business rules: Foundation only.
        .target(name: "Domain", path: "Sources/Domain", swiftSettings: swiftSettings),
        // Use cases, ports and authorization.
        .target(
            name: "Application", dependencies: ["Domain"], path: "Sources/Application", swiftSettings: swiftSettings),
        // Numbered SQL files, one target per dialect, embedded in the binary (no source tree needed at run time).
        .target(
            name: "PostgresMigrations",
            path: "Migrations/postgres",
            resources: [
                .embedInCode("0001_identity.sql"),
                .embedInCode("0002_co_ownership.sql"),
                .embedInCode("0003_budgets.sql"),
                .embedInCode("0004_ledger.sql"),
                .embedInCode("0005_calls_for_funds.sql"),
                .embedInCode("0006_budget_alerts_and_payments.sql"),
                .embedInCode("0007_maintenance.sql"),
                .embedInCode("0008_preventive_and_jobs.sql"),
                .embedInCode("0009_notification_email.sql"),
                .embedInCode("0010_dispatch.sql"),
                .embedInCode("0011_ride_interventions.sql"),
                .embedInCode("0012_driver_stats.sql"),
                .embedInCode("0013_planning_order.sql"),
                .embedInCode("0014_member_profile.sql"),
                .embedInCode("0015_mail_queue.sql"),
                .embedInCode("0016_scale_out.sql"),
                .embedInCode("0017_sign_in_security.sql"),
                .embedInCode("0018_audit_chain.sql"),
                .embedInCode("0019_privacy.sql"),
                .embedInCode("0020_notification_preferences.sql"),
                .embedInCode("0021_rectification.sql"),
                .embedInCode("0022_consents.sql"),
                .embedInCode("0023_restriction.sql"),
                .embedInCode("0024_personal_data_reads.sql"),
                .embedInCode("0025_documents.sql"),
                .embedInCode("0026_search.sql"),
                .embedInCode("0027_document_texts.sql"),
                .embedInCode("0028_payment_accounts.sql"),
                .embedInCode("0029_mail_attachments.sql"),
                .embedInCode("0030_erasure_of_documents.sql"),
                .embedInCode("0031_search_scope.sql"),
                .embedInCode("0032_governance.sql"),
                .embedInCode("0033_written_decisions.sql"),
                .embedInCode("0034_mandates.sql"),
                .embedInCode("0035_agenda_proposals.sql"),
                .embedInCode("0036_requisitions_and_minutes.sql"),
                .embedInCode("0037_works_amount.sql"),
                .embedInCode("0038_remote_participation.sql"),
                .embedInCode("0039_purchase_invoices.sql"),
                .embedInCode("0040_charge_keys.sql"),
                .embedInCode("0041_bank_statements.sql"),
                .embedInCode("0042_dues_reminders.sql"),
                .embedInCode("0043_etats_dates.sql"),
                .embedInCode("0044_transfer_credits.sql"),
                .embedInCode("0045_reserve_fund.sql"),
                .embedInCode("0046_technical_inspections.sql"),
                .embedInCode("0047_work_reports.sql"),
                .embedInCode("0048_community.sql"),
                .embedInCode("0049_bookings.sql"),
                .embedInCode("0050_skill_sessions.sql"),
                .embedInCode("0051_construction.sql"),
                .embedInCode("0052_project_budget.sql"),
                .embedInCode("0053_idempotency_keys.sql"),
                .embedInCode("0054_project_acceptance.sql"),
                .embedInCode("0055_project_chat.sql"),
                .embedInCode("0056_comments.sql"),
                .embedInCode("0057_project_changes.sql"),
                .embedInCode("0058_project_guests.sql"),
                .embedInCode("0059_inspection_centres.sql"),
                .embedInCode("0060_appointments.sql"),
                .embedInCode("0061_vehicle_inspections.sql"),
                .embedInCode("0062_payments.sql"),
                .embedInCode("0063_inspection_reminders.sql"),
                .embedInCode("0064_inspection_corrections.sql"),
                .embedInCode("0065_assistant.sql"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SQLiteMigrations",
            path: "Migrations/sqlite",
            resources: [
                .embedInCode("0001_identity.sql"),
                .embedInCode("0002_co_ownership.sql"),
                .embedInCode("0003_budgets.sql"),
                .embedInCode("0004_ledger.sql"),
                .embedInCode("0005_calls_for_funds.sql"),
                .embedInCode("0006_budget_alerts_and_payments.sql"),
                .embedInCode("0007_maintenance.sql"),
                .embedInCode("0008_preventive_and_jobs.sql"),
                .embedInCode("0009_notification_email.sql"),
                .embedInCode("0010_dispatch.sql"),
                .embedInCode("0011_ride_interventions.sql"),
                .embedInCode("0012_driver_stats.sql"),
                .embedInCode("0013_planning_order.sql"),
                .embedInCode("0014_member_profile.sql"),
                .embedInCode("0015_mail_queue.sql"),
                .embedInCode("0016_scale_out.sql"),
                .embedInCode("0017_sign_in_security.sql"),
                .embedInCode("0018_audit_chain.sql"),
                .embedInCode("0019_privacy.sql"),
                .embedInCode("0020_notification_preferences.sql"),
                .embedInCode("0021_rectification.sql"),
                .embedInCode("0022_consents.sql"),
                .embedInCode("0023_restriction.sql"),
                .embedInCode("0024_personal_data_reads.sql"),
                .embedInCode("0025_documents.sql"),
                .embedInCode("0026_search.sql"),
                .embedInCode("0027_document_texts.sql"),
                .embedInCode("0028_payment_accounts.sql"),
                .embedInCode("0029_mail_attachments.sql"),
                .embedInCode("0030_erasure_of_documents.sql"),
                .embedInCode("0031_search_scope.sql"),
                .embedInCode("0032_governance.sql"),
                .embedInCode("0033_written_decisions.sql"),
                .embedInCode("0034_mandates.sql"),
                .embedInCode("0035_agenda_proposals.sql"),
                .embedInCode("0036_requisitions_and_minutes.sql"),
                .embedInCode("0037_works_amount.sql"),
                .embedInCode("0038_remote_participation.sql"),
                .embedInCode("0039_purchase_invoices.sql"),
                .embedInCode("0040_charge_keys.sql"),
                .embedInCode("0041_bank_statements.sql"),
                .embedInCode("0042_dues_reminders.sql"),
                .embedInCode("0043_etats_dates.sql"),
                .embedInCode("0044_transfer_credits.sql"),
                .embedInCode("0045_reserve_fund.sql"),
                .embedInCode("0046_technical_inspections.sql"),
                .embedInCode("0047_work_reports.sql"),
                .embedInCode("0048_community.sql"),
                .embedInCode("0049_bookings.sql"),
                .embedInCode("0050_skill_sessions.sql"),
                .embedInCode("0051_construction.sql"),
                .embedInCode("0052_project_budget.sql"),
                .embedInCode("0053_idempotency_keys.sql"),
                .embedInCode("0054_project_acceptance.sql"),
                .embedInCode("0055_project_chat.sql"),
                .embedInCode("0056_comments.sql"),
                .embedInCode("0057_project_changes.sql"),
                .embedInCode("0058_project_guests.sql"),
                .embedInCode("0059_inspection_centres.sql"),
                .embedInCode("0060_appointments.sql"),
                .embedInCode("0061_vehicle_inspections.sql"),
                .embedInCode("0062_payments.sql"),
                .embedInCode("0063_inspection_reminders.sql"),
                .embedInCode("0064_inspection_corrections.sql"),
                .embedInCode("0065_assistant.sql"),
            ],
            swiftSettings: swiftSettings
        ),
        // One SQL implementation of every repository port, for SQLite and PostgreSQL.
        .target(
            name: "SQLAdapters",
            dependencies: [
                "Domain", "Application", "PostgresMigrations", "SQLiteMigrations",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Sources/Adapters/SQL",
            swiftSettings: swiftSettings
        ),
        // Passwords, tokens, clock, identifiers.
        .target(
            name: "SecurityAdapters",
            dependencies: [
                "Domain", "Application",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Sources/Adapters/Security",
            swiftSettings: swiftSettings
        ),
        // Card payments: the Stripe-compatible provider (intents, refunds, signed webhooks).
        .target(
            name: "PaymentAdapters",
            dependencies: [
                "Domain", "Application",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Sources/Adapters/Payments",
            swiftSettings: swiftSettings
        ),
        // The booking assistant's optional language model: an OpenAI-compatible chat API.
        .target(
            name: "LanguageModelAdapters",
            dependencies: [
                "Domain", "Application",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Sources/Adapters/LanguageModel",
            swiftSettings: swiftSettings
        ),
        // Mail: the outbox directory mailer and the SMTP client.
        .target(
            name: "MailAdapters",
            dependencies: [
                "Domain", "Application",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Sources/Adapters/Mail",
            swiftSettings: swiftSettings
        ),
        // Bank statements: CODA (read by Domain) and CAMT.053 (XML, through FoundationXML).
        .target(
            name: "BankingAdapters",
            dependencies: ["Domain", "Application"],
            path: "Sources/Adapters/Banking",
            swiftSettings: swiftSettings
        ),
        // Documents' bytes: the filesystem and S3 blob stores, and ZIP archives looked into.
        .target(
            name: "StorageAdapters",
            dependencies: [
                "Domain", "Application",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Sources/Adapters/Storage",
            swiftSettings: swiftSettings
        ),
        // libharu (Debian libhpdf-dev, no pkg-config file: linked by name).
        .systemLibrary(name: "CHaru", path: "Sources/Adapters/CHaru"),
        // libqrencode (Debian libqrencode-dev): QR codes drawn into PDFs.
        .systemLibrary(
            name: "CQREncode", path: "Sources/Adapters/CQREncode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        // PDF rendering with embedded TrueType fonts (UTF-8), and QR codes.
        .target(
            name: "PDFAdapters", dependencies: ["Domain", "Application", "CHaru", "CQREncode"],
            path: "Sources/Adapters/PDF", swiftSettings: swiftSettings),
        // Tesseract and Leptonica (Debian libtesseract-dev).
        .systemLibrary(
            name: "CTesseract", path: "Sources/Adapters/CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev"])]),
        // zbar (Debian libzbar-dev): the QR codes printed on scanned papers.
        .systemLibrary(
            name: "CZBar", path: "Sources/Adapters/CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        // Text from documents: Tesseract OCR in a pool of engines, PDF pages through poppler,
        // printed codes through zbar.
        .target(
            name: "OCRAdapters",
            dependencies: [
                "Domain", "Application", "CTesseract", "CZBar",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Sources/Adapters/OCR",
            swiftSettings: swiftSettings),
        // HTTP: routes, request decoding, problem+json, observability. Knows Application only.
        .target(
            name: "HTTPServer",
            dependencies: [
                "Domain", "Application",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            path: "Sources/Server/HTTP",
            resources: [
                // The API contract: shared parts, then one fragment per module, beside its routes.
                .embedInCode("Shared.json"), .embedInCode("Platform/Platform.json"),
                .embedInCode("Identity/Identity.json"), .embedInCode("CoOwnership/CoOwnership.json"),
                .embedInCode("Finance/Finance.json"), .embedInCode("Maintenance/Maintenance.json"),
                .embedInCode("Dispatch/Dispatch.json"), .embedInCode("Documents/Documents.json"),
                .embedInCode("Governance/Governance.json"),
                .embedInCode("FinanceOperations/FinanceOperations.json"),
                .embedInCode("LegalFile/LegalFile.json"),
                .embedInCode("Community/Community.json"),
                .embedInCode("Construction/Construction.json"),
                .embedInCode("Inspection/Inspection.json"),
            ],
            swiftSettings: swiftSettings
        ),
        // The one composition root: configuration in, a running Gestio out.
        .target(
            name: "Bootstrap",
            dependencies: [
                "Domain", "Application", "SQLAdapters", "SecurityAdapters", "MailAdapters", "StorageAdapters",
                "PDFAdapters", "OCRAdapters", "BankingAdapters", "PaymentAdapters", "LanguageModelAdapters",
                "HTTPServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Server/Bootstrap",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "GestioCLI",
            dependencies: [
                "Bootstrap", "Domain", "Application", "HTTPServer", "SQLAdapters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/CLI",
            swiftSettings: swiftSettings
        ),
        // The raw-stack reference `scripts/bench` measures Gestio against (not shipped).
        .executableTarget(
            name: "gestio-reference",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "benchmarks/reference",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GestioTests",
            dependencies: [
                "Domain", "Application", "SQLAdapters", "SecurityAdapters", "MailAdapters", "StorageAdapters",
                "PDFAdapters", "OCRAdapters", "BankingAdapters", "PaymentAdapters", "LanguageModelAdapters",
                "HTTPServer",
                "Bootstrap",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/GestioTests",
            swiftSettings: swiftSettings
        ),
    ]
)
