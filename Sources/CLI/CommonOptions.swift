import ArgumentParser
import Bootstrap
import Foundation
import Logging

/// Options every command takes. Flags win over the environment.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "sqlite:///path.sqlite, sqlite::memory: or postgres://user:pass@host:port/db (env GESTIO_DATABASE_URL)")
    var databaseURL: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (env GESTIO_LOG_LEVEL)")
    var logLevel: String?

    func configuration() throws -> GestioConfiguration {
        var configuration = try GestioConfiguration.fromEnvironment()
        if let databaseURL { configuration.databaseURL = databaseURL }
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = level
        }
        return configuration
    }

    /// Admin commands log warnings only, so their output stays readable.
    func logger(_ configuration: GestioConfiguration, quiet: Bool) -> Logger {
        var logger = Logger(label: "gestio") { [format = configuration.logFormat] label in
            LineLogHandler(label: label, format: format)
        }
        logger.logLevel = quiet && configuration.logLevel < .warning ? .warning : configuration.logLevel
        return logger
    }

    /// Starts Gestio, runs `body`, and always closes the database.
    func withGestio<T>(
        quiet: Bool = true, configure: (inout GestioConfiguration) -> Void = { _ in },
        _ body: (Gestio) async throws -> T
    ) async throws -> T {
        var configuration = try configuration()
        configure(&configuration)
        return try await Gestio.withStarted(configuration, logger: logger(configuration, quiet: quiet), body)
    }
}

/// Prints either a human line or the JSON form of a value.
func emit<T: Encodable>(_ value: T, json: Bool, text: () -> String) throws {
    if json {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    } else {
        print(text())
    }
}
