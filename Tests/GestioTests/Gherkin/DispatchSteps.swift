import Foundation

extension Steps {
    /// The taxi company's usual setups in its own words, then bookings through the public form
    /// as a web page would send them.
    static let dispatch: [StepDefinition] = [
        // | name | role |: the owner registers the company, invites each member, who registers;
        // each member's user id is remembered as "<name>User".
        StepDefinition("the {word} company {string} of {string}, with its members:") { world, arguments, step in
            let arguments = Array(arguments.dropFirst())
            let (company, owner) = (arguments[0], arguments[1])
            try await Steps.run("\"\(owner)\" has registered the organization \"\(company)\"", world)
            for row in try rows(of: step, columns: ["name", "role"]) {
                try await Steps.run("\"\(owner)\" invites \"\(row["name"]!)\" as \"\(row["role"]!)\"", world)
                try await Steps.run("\"\(row["name"]!)\" registers with the invitation", world)
            }
            for person in [owner] + (try rows(of: step, columns: ["name", "role"]).map { $0["name"]! }) {
                world.variables["\(person)User"] = try variable(world, "\(person).id")
            }
        },
        // | numero | plaque | driver | (and optionally vignette): each taxi remembered by its numero in lower case ("t1").
        StepDefinition("{string} adds the taxis:") { world, arguments, step in
            world.currentPerson = arguments[0]
            for row in try rows(of: step, columns: ["numero", "plaque", "driver"]) {
                var fields = ["numero": row["numero"]!, "plaque": row["plaque"]!]
                if let vignette = row["vignette"], !vignette.isEmpty { fields["vignette"] = vignette }
                if let driver = row["driver"], !driver.isEmpty {
                    fields["chauffeur_id"] = try variable(world, "\(driver).id")
                }
                let response = try await world.send(.post, "/api/v1/taxis", json: try json(fields), as: arguments[0])
                try expect(response.status == .created, "taxi \(row["numero"]!): \(String(buffer: response.body))")
                world.variables[row["numero"]!.lowercased()] =
                    JSONPath.lookup("id", in: try world.body(of: response)) as? String
            }
        },
        StepDefinition(
            "{string} takes a ride from {string} to {string} at {string} for {int} passengers, remembered as {string}"
        ) {
            world, arguments, _ in
            let body =
                try json([
                    "prise_en_charge": arguments[1], "destination": arguments[2], "date_iso": arguments[3],
                ]).dropLast() + ", \"passagers\": \(Int(arguments[4]) ?? 0)}"
            let response = try await world.send(.post, "/api/v1/commandes", json: String(body), as: arguments[0])
            try expect(response.status == .created, "the ride: \(String(buffer: response.body))")
            world.variables[arguments[5]] = JSONPath.lookup("id", in: try world.body(of: response)) as? String
        },
        StepDefinition("{int} public bookings for {string} are accepted") { world, arguments, _ in
            let (count, slug) = (Int(arguments[0]) ?? 0, arguments[1])
            for index in 0..<count {
                let body =
                    try Steps.json([
                        "societe": slug, "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue \(index)",
                        "destination": "Gare du Midi", "date_iso": "2026-12-24T10:00:00Z",
                    ]).dropLast() + #","contact":{"nom":"Client \#(index)","email":"client\#(index)@example.com"}}"#
                let response = try await world.send(
                    .post, "/api/v1/public/commandes", json: String(body), headers: [.authorization: "none"])
                try expect(response.status.code == 201, "booking \(index + 1) answered \(response.status.code)")
            }
        },
    ]
}

extension Steps {
    /// Runs another step by its text, so a domain step is made of the steps it stands for.
    static func run(_ text: String, _ world: World) async throws {
        let (definition, arguments) = try StepRegistry.resolve(text, in: Steps.all)
        try await definition.run(world, arguments, Step(keyword: "And", text: text, line: 0))
    }

    /// A step's table as rows keyed by its header, which must name these columns (others allowed).
    static func rows(of step: Step, columns: [String]) throws -> [[String: String]] {
        guard let table = step.table, let header = table.first else { throw StepFailure("this step needs a table") }
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw StepFailure("the table lacks the columns \(missing)") }
        return table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
