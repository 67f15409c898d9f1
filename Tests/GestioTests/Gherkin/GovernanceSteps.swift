import Foundation
import HTTPTypes

extension Steps {
    /// A syndic's general assembly in their own words: who owns which lot, the assembly planned
    /// and convened, attendance and proxies, resolutions and votes. Each step goes through the API
    /// as the syndic would; a refused step fails, so scenarios that pin a refusal send the
    /// request themselves and check the problem.
    static let governance: [StepDefinition] = [
        // | lot | owner | share |: owners by their alias ("anne"), lots by number; share defaults to 1.
        StepDefinition("the lots are owned as follows:") { world, _, step in
            for row in try rows(of: step, columns: ["lot", "owner"]) {
                let share = row["share"].flatMap { $0.isEmpty ? nil : $0 } ?? "1"
                let body = try json([
                    "owner_id": try variable(world, row["owner"]!), "share": share, "start_date": "2020-01-01",
                ])
                _ = try await created(
                    world, .post, "/api/v1/lots/\(try variable(world, "lot\(row["lot"]!)"))/ownerships", body)
            }
        },
        StepDefinition("{string} represents the lot {string}") { world, arguments, _ in
            let response = try await world.send(
                .put, "/api/v1/lots/\(try variable(world, "lot\(arguments[1])"))/representative",
                json: try json(["owner_id": try variable(world, arguments[0])]), as: world.currentPerson)
            try expect(response.status.code == 204, "naming answered \(String(buffer: response.body))")
        },
        // Chaired by Anne, with Sam as secretary; remembered as "assembly".
        StepDefinition("an {word} assembly is planned on {string}") { world, arguments, _ in
            world.variables["assembly"] = try await created(
                world, .post, "/api/v1/buildings/\(try variable(world, "building"))/assemblies",
                try json([
                    "kind": arguments[0], "date": arguments[1], "start_time": "19:30", "place": "Salle des fêtes",
                    "chair": "Anne", "secretary": "Sam",
                ]))
        },
        // | title | decision_type | (and optionally budget): each point remembered as "point<position>".
        StepDefinition("the agenda has the points:") { world, _, step in
            let assembly = try variable(world, "assembly")
            for (index, row) in try rows(of: step, columns: ["title", "decision_type"]).enumerated() {
                var fields = ["title": row["title"]!, "decision_type": row["decision_type"]!]
                if let budget = row["budget"], !budget.isEmpty { fields["budget_id"] = try variable(world, budget) }
                world.variables["point\(index + 1)"] = try await created(
                    world, .post, "/api/v1/assemblies/\(assembly)/agenda-items", try json(fields))
            }
        },
        StepDefinition("the syndic convenes the assembly") { world, _, _ in
            try await ok(world, .post, "/api/v1/assemblies/\(try variable(world, "assembly"))/convene")
        },
        // | owner | attendance |
        StepDefinition("the attendance is:") { world, _, step in
            let entries = try rows(of: step, columns: ["owner", "attendance"]).map {
                "{\"owner_id\": \"\(try variable(world, $0["owner"]!))\", \"attendance\": \"\($0["attendance"]!)\"}"
            }
            try await ok(
                world, .put, "/api/v1/assemblies/\(try variable(world, "assembly"))/attendance",
                "{\"entries\": [\(entries.joined(separator: ", "))]}")
        },
        StepDefinition("{string} gives a proxy to {string}") { world, arguments, _ in
            _ = try await created(
                world, .post, "/api/v1/assemblies/\(try variable(world, "assembly"))/proxies",
                try json([
                    "principal_owner_id": try variable(world, arguments[0]),
                    "holder_owner_id": try variable(world, arguments[1]),
                ]))
        },
        StepDefinition("the assembly opens") { world, _, _ in
            try await ok(world, .post, "/api/v1/assemblies/\(try variable(world, "assembly"))/open")
        },
        // Remembered as "resolution".
        StepDefinition("point {int} is put to the vote as {string}") { world, arguments, _ in
            world.variables["resolution"] = try await created(
                world, .post, "/api/v1/agenda-items/\(try variable(world, "point\(arguments[0])"))/resolutions",
                try json(["text": arguments[1]]))
        },
        // | owner | ballot |
        StepDefinition("the votes are:") { world, _, step in
            let resolution = try variable(world, "resolution")
            for row in try rows(of: step, columns: ["owner", "ballot"]) {
                try await ok(
                    world, .post, "/api/v1/resolutions/\(resolution)/votes",
                    try json(["owner_id": try variable(world, row["owner"]!), "ballot": row["ballot"]!]))
            }
        },
        StepDefinition("the vote is closed") { world, _, _ in
            try await ok(world, .post, "/api/v1/resolutions/\(try variable(world, "resolution"))/close")
        },
        // Remembered as "decision".
        StepDefinition("the written proposal {string} is sent to the owners, answers until {string}") {
            world, arguments, _ in
            world.variables["decision"] = try await created(
                world, .post, "/api/v1/buildings/\(try variable(world, "building"))/written-decisions",
                try json(["title": arguments[0], "text": "Proposition : \(arguments[0])", "due_on": arguments[1]]))
        },
        // | owner | agrees |: each entered by the syndic from the owner's letter.
        StepDefinition("the written answers are:") { world, _, step in
            let decision = try variable(world, "decision")
            for row in try rows(of: step, columns: ["owner", "agrees"]) {
                try await ok(
                    world, .post, "/api/v1/written-decisions/\(decision)/answers",
                    "{\"owner_id\": \"\(try variable(world, row["owner"]!))\", \"agrees\": \(row["agrees"]! == "true")}"
                )
            }
        },
        StepDefinition("the assembly closes") { world, _, _ in
            try await ok(world, .post, "/api/v1/assemblies/\(try variable(world, "assembly"))/close")
        },
    ]

    /// Sends as the current person; anything but 200 fails the step.
    static func ok(_ world: World, _ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws {
        let response = try await world.send(method, path, json: body, as: world.currentPerson)
        try expect(
            response.status.code == 200, "\(path) answered \(response.status.code): \(String(buffer: response.body))")
    }
}
