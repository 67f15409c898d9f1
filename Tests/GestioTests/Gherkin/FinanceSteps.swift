import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

extension Steps {
    static let ledger: [StepDefinition] = [
        StepDefinition("line {int} of the response body is") { world, arguments, step in
            guard let response = world.lastResponse, let index = Int(arguments[0]), let expected = step.docString else {
                throw StepFailure("needs a response and a doc string")
            }
            let lines = String(buffer: response.body).components(separatedBy: "\r\n")
            try expect(lines.indices.contains(index - 1), "the body has \(lines.count) lines")
            try expect(lines[index - 1] == (try world.interpolate(expected)), "line \(index) is \(lines[index - 1])")
        },
        StepDefinition("the balance of account {string} is {string}") { world, arguments, _ in
            guard let accounts = JSONPath.lookup("accounts", in: try world.lastJSON()) as? [[String: Any]] else {
                throw StepFailure("the response has no accounts")
            }
            guard let account = accounts.first(where: { $0["account_code"] as? String == arguments[0] }) else {
                throw StepFailure("account \(arguments[0]) is not in the response")
            }
            let balance = account["balance"] as? String
            try expect(balance == arguments[1], "account \(arguments[0]) has balance \(balance ?? "none")")
        },
        StepDefinition("the response field {string} is the response field {string}") { world, arguments, _ in
            let json = try world.lastJSON()
            let (left, right) = (JSONPath.lookup(arguments[0], in: json), JSONPath.lookup(arguments[1], in: json))
            try expect(
                left != nil && JSONPath.render(left) == JSONPath.render(right),
                "\(arguments[0]) is \(JSONPath.render(left)), \(arguments[1]) is \(JSONPath.render(right))")
        },
        StepDefinition("the contribution of {string} is {string}, paid {string}, {word}") { world, arguments, _ in
            let owner = try variable(world, arguments[0])
            let contributions = JSONPath.lookup("contributions", in: try world.lastJSON()) as? [[String: Any]] ?? []
            guard let mine = contributions.first(where: { $0["owner_id"] as? String == owner }) else {
                throw StepFailure("no contribution for \(arguments[0]) in \(JSONPath.render(contributions))")
            }
            let actual = [mine["amount"] as? String, mine["paid_amount"] as? String, mine["status"] as? String]
            try expect(
                actual == [arguments[1], arguments[2], arguments[3]],
                "contribution of \(arguments[0]) is \(actual.map { $0 ?? "nothing" })")
        },
        StepDefinition("the contributions add up to {string}") { world, arguments, _ in
            let contributions = JSONPath.lookup("contributions", in: try world.lastJSON()) as? [[String: Any]] ?? []
            let cents = try contributions.map { item -> Int64 in
                guard let amount = item["amount"] as? String else { throw StepFailure("a contribution has no amount") }
                return try Money(parsing: amount).minorUnits
            }.reduce(0, +)
            try expect(
                Money(minorUnits: cents).decimalString == arguments[0],
                "contributions add up to \(Money(minorUnits: cents).decimalString)")
        },
        StepDefinition("{int} balanced entries are posted at once in journal {string} of {string}") {
            world, arguments, _ in
            guard let count = Int(arguments[0]) else { throw StepFailure("bad count") }
            let journal = arguments[1]
            let building = try variable(world, arguments[2])
            let token = try world.token(of: try world.currentPerson ?? { throw StepFailure("nobody is logged in") }())
            let client = world.client
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 1...count {
                    group.addTask {
                        let body = """
                            {"journal": "\(journal)", "type": "manual", "entry_date": "2026-05-\(String(format: "%02d", index % 28 + 1))",
                             "description": "Concurrent \(index)",
                             "lines": [{"account_code": "610", "debit": "\(index).00"}, {"account_code": "440", "credit": "\(index).00"}]}
                            """
                        let response = try await client.executeRequest(
                            uri: "/api/v1/buildings/\(building)/journal-entries", method: .post,
                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                            body: ByteBuffer(string: body))
                        return Int(response.status.code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try expect(statuses.allSatisfy { $0 == 201 }, "statuses: \(statuses)")
        },
        StepDefinition("the entries of journal {string} of {string} are numbered {int} to {int} without a gap") {
            world, arguments, _ in
            let (journal, building) = (arguments[0], try variable(world, arguments[1]))
            guard let first = Int(arguments[2]), let last = Int(arguments[3]) else { throw StepFailure("bad range") }
            let response = try await world.send(
                .get, "/api/v1/buildings/\(building)/journal-entries?journal=\(journal)&per_page=100")
            let data = JSONPath.lookup("data", in: try world.body(of: response)) as? [[String: Any]] ?? []
            let numbers = data.compactMap { $0["number"] as? String }.sorted()
            let expected = (first...last).map { String(format: "\(journal)-2026-%06d", $0) }
            try expect(numbers == expected, "numbers are \(numbers)")
        },
    ]
}
