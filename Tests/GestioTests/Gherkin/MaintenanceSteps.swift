import Bootstrap
import Foundation

extension Steps {
    /// Periodic jobs run here as the scheduler (or `gestio jobs run`) runs them; what they did is
    /// then read through the API.
    static let maintenance: [StepDefinition] = [
        // | code | name | category | criticality |: each remembered by the name given in "as".
        StepDefinition("{string} adds the equipment {string} named {string}, remembered as {string}") {
            world, arguments, _ in
            world.currentPerson = arguments[0]
            world.variables[arguments[3]] = try await created(
                world, .post, "/api/v1/equipements", try json(["code": arguments[1], "name": arguments[2]]))
        },
        // | member | hourly_rate | (and optionally equipe, competences "a, b", disponibilite): each
        // technician remembered as "<member>Tech".
        StepDefinition("{string} adds the technicians:") { world, arguments, step in
            world.currentPerson = arguments[0]
            for row in try rows(of: step, columns: ["member", "hourly_rate"]) {
                var fields: [String: Any] = [
                    "user_id": try variable(world, "\(row["member"]!).id"), "hourly_rate": row["hourly_rate"]!,
                ]
                if let equipe = row["equipe"], !equipe.isEmpty { fields["equipe"] = equipe }
                if let availability = row["disponibilite"], !availability.isEmpty {
                    fields["disponibilite"] = availability
                }
                if let skills = row["competences"], !skills.isEmpty {
                    fields["competences"] = skills.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                }
                let body = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
                world.variables["\(row["member"]!)Tech"] = try await created(world, .post, "/api/v1/techniciens", body)
            }
        },
        StepDefinition("the outbox holds {int} {word} to {string}, one about {string}") { world, arguments, _ in
            guard let count = Int(arguments[0]), count > 0 else {
                throw StepFailure("say \"the outbox holds no email to …\" for none")
            }
            let (noun, person, topic) = (arguments[1], arguments[2], arguments[3])
            try expect(noun == (count == 1 ? "email" : "emails"), "say \"1 email\" or \"N emails\", not \"\(noun)\"")
            let (mine, all) = try outbox(world, to: person)
            try expect(mine.count == count, "\(mine.count) of \(all) emails are to \(person)")
            try expect(mine.contains { $0.contains(topic) }, "no email to \(person) is about \(topic)")
        },
        StepDefinition("the outbox holds no email to {string}") { world, arguments, _ in
            let (mine, all) = try outbox(world, to: arguments[0])
            try expect(mine.isEmpty, "\(mine.count) of \(all) emails are to \(arguments[0])")
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

extension Steps {
    /// The emails of the outbox folder addressed to `person`, and how many it holds in all. A
    /// folder that does not exist is an empty outbox (nothing was ever sent); any other failure to
    /// read it, or one of its files, fails the step.
    static func outbox(_ world: World, to person: String) throws -> (mine: [String], all: Int) {
        let directory = URL(fileURLWithPath: world.gestio.configuration.mailOutbox)
        guard FileManager.default.fileExists(atPath: directory.path) else { return ([], 0) }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        let messages = try files.filter { $0.pathExtension == "eml" }.map {
            try String(contentsOf: $0, encoding: .utf8)
        }
        return (messages.filter { $0.contains("\r\nTo: \(email(of: person))\r\n") }, messages.count)
    }
}
