import Foundation
import HTTPTypes
import NIOWebSocket

extension Steps {
    /// Construction projects. The requests are the API's own in the feature files; these steps
    /// plan a project's tasks as a planner would, one request per task and per dependency, and
    /// listen to a project's chat over real WebSockets.
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
        },
        // A site client back online: the tasks it wrote offline ("Tâche hors ligne 1"…), each sent
        // twice (a lost answer makes it send again) with the same Idempotency-Key; both answers
        // must be the same task, the second a replay.
        StepDefinition("{string} sends the {int} tasks written offline to the project {string}, each twice") {
            world, arguments, _ in
            let (person, project) = (arguments[0], try variable(world, arguments[2]))
            for number in 1...(Int(arguments[1]) ?? 0) {
                let body = #"{"title": "Tâche hors ligne \#(number)", "duration_days": 1}"#
                var ids: [String] = []
                for attempt in 1...2 {
                    let response = try await world.send(
                        .post, "/api/v1/projects/\(project)/tasks", json: body, as: person,
                        headers: [HTTPField.Name("Idempotency-Key")!: "offline-\(person)-\(number)"])
                    try expect(response.status == .created, "task \(number): \(String(buffer: response.body))")
                    try expect(
                        attempt == 1 || response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true",
                        "task \(number) was not answered as a replay")
                    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    ids.append(object?["id"] as? String ?? "")
                }
                try expect(ids[0] == ids[1] && !ids[0].isEmpty, "task \(number) was made twice: \(ids)")
            }
        },
        // | person | project | hears |: on a live server, each person opens /ws/projects/<project>
        // (a remembered name); then the message is posted through the API, and `hears` says what
        // each socket gets: `the message` (live), `nothing`, or `refused <close code>` at once.
        StepDefinition("{string} posts {string} to the chat of {string} while these people listen:") {
            world, arguments, step in
            let (author, text, project) = (arguments[0], arguments[1], try variable(world, arguments[2]))
            let listeners = try rows(of: step, columns: ["person", "project", "hears"])
            let body = try json(["body": text])
            try await withLiveServer(world.gestio) { port in
                var probes: [(row: [String: String], probe: SocketProbe)] = []
                for row in listeners {
                    let path = "/ws/projects/\(try variable(world, row["project"]!))"
                    probes.append(
                        (row, SocketProbe(port: port, path: path, token: try world.token(of: row["person"]!))))
                }
                defer { for listener in probes { listener.probe.close() } }
                for (row, probe) in probes {
                    let person = row["person"]!
                    if let code = row["hears"]!.split(separator: " ").dropFirst().first.flatMap({ UInt16($0) }) {
                        try await probe.wait(for: "\(person)'s refusal") { $0.closedWith != nil }
                        try expect(
                            probe.closedWith == .unknown(code),
                            "\(person) was closed with \(String(describing: probe.closedWith)), expected \(code)")
                    } else {
                        try await probe.ready()
                    }
                }
                let response = try await world.send(
                    .post, "/api/v1/projects/\(project)/messages", json: body, as: author)
                try expect(response.status == .created, "the message: \(String(buffer: response.body))")
                @Sendable func heard(_ probe: SocketProbe) -> Bool {
                    probe.events.contains {
                        $0["type"] as? String == "message.posted" && ($0["data"] as? [String: String])?["body"] == text
                    }
                }
                for (row, probe) in probes where row["hears"] == "the message" {
                    try await probe.wait(for: "\(row["person"]!) to hear the message", timeout: .seconds(30)) {
                        heard($0)
                    }
                }
                // The hub hands an event to every subscriber at once: a quiet socket has had its chance.
                try await Task.sleep(for: .milliseconds(300))
                for (row, probe) in probes where row["hears"] == "nothing" {
                    try expect(
                        !probe.events.contains { $0["type"] as? String == "message.posted" },
                        "\(row["person"]!) heard \(probe.messages)")
                }
            }
        },
    ]
}
