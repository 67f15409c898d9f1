import Bootstrap
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// One scenario of one feature file: the unit Swift Testing runs and names.
struct FeatureScenario: Sendable, CustomTestStringConvertible {
    let feature: Feature
    let scenario: Scenario

    var testDescription: String { "\(URL(fileURLWithPath: feature.file).lastPathComponent): \(scenario.name)" }
}

enum FeatureLoader {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Features")

    /// Every feature file, or those whose names contain one of the comma-separated words of
    /// `GESTIO_FEATURES` (`GESTIO_FEATURES=dispatch,driver swift test --filter FeatureTests`).
    static func features() throws -> [Feature] {
        let only = ProcessInfo.processInfo.environment["GESTIO_FEATURES"]?.split(separator: ",").map(String.init)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { name in name.hasSuffix(".feature") && (only.map { $0.contains(where: name.contains) } ?? true) }
            .sorted()
        return try files.map { name in
            let path = directory.appendingPathComponent(name).path
            return try GherkinParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
        }
    }

    static func scenarios() throws -> [FeatureScenario] {
        try features().flatMap { feature in feature.scenarios.map { FeatureScenario(feature: feature, scenario: $0) } }
    }
}

@Suite("Living specification (Features/*.feature through the HTTP API)")
struct FeatureTests {
    @Test("Scenario", arguments: try FeatureLoader.scenarios(), TestDatabase.enabled)
    func scenario(_ item: FeatureScenario, database: TestDatabase) async throws {
        let file = URL(fileURLWithPath: item.feature.file).lastPathComponent
        // A feature about payments runs with a local server playing the payment provider, one
        // about the assistant's language model with one playing the model.
        if file.contains("payment") {
            let provider = FakePaymentProvider()
            try await withLiveServer(router: provider.router) { port in
                try await run(item, database: database, fakes: { $0.paymentProvider = provider }) {
                    $0.paymentAPIURL = "http://127.0.0.1:\(port)"
                }
            }
        } else if file.contains("language_model") {
            let model = FakeLanguageModel()
            try await withLiveServer(router: model.router) { port in
                try await run(item, database: database, fakes: { $0.languageModel = model }) {
                    $0.languageModel = .init(
                        url: "http://127.0.0.1:\(port)/v1", key: FakeLanguageModel.key, model: "local-test")
                }
            }
        } else {
            try await run(item, database: database, fakes: { _ in }, configure: { _ in })
        }
    }

    private func run(
        _ item: FeatureScenario, database: TestDatabase, fakes: @escaping @Sendable (World) -> Void,
        configure: (inout GestioConfiguration) -> Void
    ) async throws {
        let clock = TestClock()
        try await database.withGestio(clock: clock, configure: configure) { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                let world = World(gestio: gestio, client: client, clock: clock)
                fakes(world)
                let name = "\(item.testDescription) [\(database)]"
                defer { ScenarioProgress.shared.end(name) }
                for step in item.feature.background + item.scenario.steps {
                    ScenarioProgress.shared.at(step, of: name) { [persistence = gestio.persistence] in
                        let pool = persistence.poolUsage
                        return "connections in use \(pool.inUse) of \(pool.capacity), callers waiting \(pool.waiting), "
                            + "statements run \(persistence.statements.value), the SQLite writer: "
                            + (persistence.writerActivity ?? "free")
                    }
                    do {
                        let text = try world.interpolate(step.text)
                        let (definition, arguments) = try StepRegistry.resolve(text, in: Steps.all)
                        try await definition.run(world, arguments, step)
                    } catch {
                        Issue.record(
                            "\(step.keyword) \(step.text)\n  \(error)",
                            sourceLocation: SourceLocation(
                                fileID: "Features/\(URL(fileURLWithPath: item.feature.file).lastPathComponent)",
                                filePath: item.feature.file, line: step.line, column: 1))
                        return  // the scenario has failed; later steps depend on this one
                    }
                }
            }
        }
    }

    @Test("Each module registers its steps under its name, as Gestio.modules lists the modules")
    func stepModules() {
        #expect(Steps.modules.map(\.name) == Gestio.modules.map(\.name))
    }

    @Test("Every step of every feature has exactly one definition")
    func everyStepIsDefined() throws {
        let features = try FeatureLoader.features()
        #expect(!features.isEmpty)
        for feature in features {
            for step in feature.background + feature.scenarios.flatMap(\.steps) {
                // Interpolated values never contain quotes, so a placeholder stands in for them here.
                let text = step.text.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "x", options: .regularExpression)
                #expect(throws: Never.self, "\(feature.file):\(step.line)") {
                    _ = try StepRegistry.resolve(text, in: Steps.all)
                }
            }
        }
    }
}

/// Which step each running scenario is at, so that a scenario stuck on one step is named: a
/// step still running after five minutes is printed to standard error, once (CI's watchdog
/// prints the tests' output above its report of a hung run).
final class ScenarioProgress: Sendable {
    static let shared = ScenarioProgress()

    private let running = Mutex<
        [String: (step: String, since: ContinuousClock.Instant, told: Bool, state: @Sendable () -> String)]
    >([:])

    private init() {
        Task.detached { [self] in
            while true {
                try? await Task.sleep(for: .seconds(30))
                await tellStuck(after: .seconds(300))
            }
        }
    }

    /// `state` says what the scenario's Gestio is doing (its database connections), if it is stuck.
    func at(_ step: Step, of scenario: String, state: @escaping @Sendable () -> String) {
        running.withLock {
            $0[scenario] = ("\(step.keyword) \(step.text) (line \(step.line))", .now, false, state)
        }
    }

    func end(_ scenario: String) {
        _ = running.withLock { $0.removeValue(forKey: scenario) }
    }

    private func tellStuck(after limit: Duration) async {
        let stuck = running.withLock { running -> [(line: String, state: @Sendable () -> String)] in
            var lines: [(String, @Sendable () -> String)] = []
            for (scenario, progress) in running where !progress.told && ContinuousClock.now - progress.since > limit {
                lines.append(
                    (
                        "feature progress: \(scenario) has been at step \"\(progress.step)\" for over \(limit)",
                        progress.state
                    ))
                running[scenario]?.told = true
            }
            return lines
        }
        // The state is read outside the lock, twice a second apart: whether statements still run.
        for (line, state) in stuck {
            let before = state()
            try? await Task.sleep(for: .seconds(1))
            FileHandle.standardError.write(Data((line + "; \(before); a second later: \(state())\n").utf8))
        }
    }
}
