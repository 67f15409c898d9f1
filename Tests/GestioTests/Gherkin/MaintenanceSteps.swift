import Bootstrap
import Foundation

extension Steps {
    /// Periodic jobs run here as the scheduler (or `gestio jobs run`) runs them; what they did is
    /// then read through the API.
    static let maintenance: [StepDefinition] = [
        StepDefinition("the outbox holds {int} {word} to {string}, one about {string}") { world, arguments, _ in
            let (count, person, topic) = (Int(arguments[0]), arguments[2], arguments[3])
            let directory = URL(fileURLWithPath: world.gestio.configuration.mailOutbox)
            let files =
                (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            let messages = try files.filter { $0.pathExtension == "eml" }.map {
                try String(contentsOf: $0, encoding: .utf8)
            }
            let mine = messages.filter { $0.contains("\r\nTo: \(Steps.email(of: person))\r\n") }
            try expect(mine.count == count, "\(mine.count) of \(messages.count) emails are to \(person)")
            try expect(mine.isEmpty || mine.contains { $0.contains(topic) }, "no email to \(person) is about \(topic)")
        },
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
