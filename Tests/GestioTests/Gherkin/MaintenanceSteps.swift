import Bootstrap
import Foundation

extension Steps {
    /// Periodic jobs run here as the scheduler (or `gestio jobs run`) runs them; what they did is
    /// then read through the API.
    static let maintenance: [StepDefinition] = [
        StepDefinition("the job {string} runs") { world, arguments, _ in
            let report = try await world.gestio.runJob(named: arguments[0])
            try expect(report.ran, "the job \(arguments[0]) did not get its lock")
        },
        StepDefinition("the job {string} runs on two instances at once") { world, arguments, _ in
            let gestio = world.gestio
            let name = arguments[0]
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 { group.addTask { try await gestio.runJob(named: name).created } }
                return try await group.reduce(0, +)
            }
            try expect(created == 1, "the two runs created \(created) interventions")
        },
    ]
}
