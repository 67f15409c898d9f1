import Foundation

extension Steps {
    /// Construction projects. The requests are the API's own in the feature files; this step
    /// plans a project's tasks as a planner would, one request per task and per dependency.
    static let construction: [StepDefinition] = [
        // | as | title | days | after | trade | weight |: as the current person, each task of the
        // project (its id remembered under `as`), then its dependencies on the tasks named in
        // `after` (comma-separated `as` names, each optionally `name+lag`); `trade` names a
        // remembered trade, `after`, `trade` and `weight` may be empty.
        StepDefinition("the tasks of the project {string}:") { world, arguments, step in
            let project = try variable(world, arguments[0])
            let tasks = try rows(of: step, columns: ["as", "title", "days"])
            for row in tasks {
                var fields: [String: Any] = ["title": row["title"]!, "duration_days": Int(row["days"]!) ?? 0]
                if let trade = row["trade"], !trade.isEmpty { fields["trade_id"] = try variable(world, trade) }
                if let weight = row["weight"], !weight.isEmpty { fields["weight"] = Int(weight) ?? 0 }
                let body = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
                world.variables[row["as"]!] = try await created(
                    world, .post, "/api/v1/projects/\(project)/tasks", body)
            }
            for row in tasks {
                for before in (row["after"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }
                )
                where !before.isEmpty {
                    let parts = before.split(separator: "+").map(String.init)
                    let body =
                        #"{"predecessor_id":"\#(try variable(world, parts[0]))","lag_days":\#(parts.count > 1 ? parts[1] : "0")}"#
                    let response = try await world.send(
                        .post, "/api/v1/tasks/\(try variable(world, row["as"]!))/dependencies", json: body,
                        as: world.currentPerson)
                    try expect(
                        response.status.code == 201,
                        "dependency \(before) → \(row["as"]!): \(String(buffer: response.body))")
                }
            }
        }
    ]
}
