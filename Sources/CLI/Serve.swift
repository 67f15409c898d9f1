import ArgumentParser
import Bootstrap
import Hummingbird
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP server (applies pending migrations first).")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Address to listen on (env GESTIO_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (env GESTIO_PORT, default 8080).")
    var port: Int?

    @Flag(name: .long, help: "Run the periodic jobs in this server (env GESTIO_SCHEDULER=1).")
    var scheduler = false

    func run() async throws {
        var configuration = try common.configuration()
        if scheduler { configuration.schedulerEnabled = true }
        if let host { configuration.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
            configuration.port = port
        }
        let logger = common.logger(configuration, quiet: false)
        let gestio = try await Gestio.start(configuration, logger: logger)
        // SIGTERM or SIGINT: requests under way and open sockets get 30 s to finish, then they
        // are cancelled, and whatever still does not end after 10 s more stops the process, so
        // the server always goes down when asked (an orchestrator's grace period is often 30 s).
        var group = ServiceGroupConfiguration(
            services: [.init(service: gestio.application())], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(30)
        group.maximumCancellationDuration = .seconds(10)
        try await ServiceGroup(configuration: group).run()
    }
}
