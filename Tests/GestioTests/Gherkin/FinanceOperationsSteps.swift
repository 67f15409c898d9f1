import Foundation

extension Steps {
    /// The syndic's weekly money work. Invoices, suppliers and settings are sent as the API's own
    /// requests in the feature files; these steps read what a plain comparison cannot, and write
    /// the bank's files, whose fixed-width records no one reads in a feature.
    static let financeOperations: [StepDefinition] = [
        // A confidence (0…1) read from a scan: its exact figure depends on the OCR engine.
        StepDefinition("the response field {string} is a confidence above {number}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            guard let confidence = value as? Double, let floor = Double(arguments[1]) else {
                throw StepFailure("\(arguments[0]) is \(JSONPath.render(value)), not a number")
            }
            try expect(
                confidence > floor && confidence <= 1, "\(arguments[0]) is \(confidence), not in (\(floor), 1]")
        },
        // The structured communication the owner's contribution on {{call}} was given.
        StepDefinition("I remember the communication of {string} on the call as {string}") { world, arguments, _ in
            let owner = try variable(world, arguments[0])
            let response = try await world.send(.get, "/api/v1/call-for-funds/\(try variable(world, "call"))")
            let contributions = JSONPath.lookup("contributions", in: try world.body(of: response)) as? [[String: Any]]
            guard
                let communication = contributions?.first(where: { $0["owner_id"] as? String == owner })?[
                    "communication"]
                    as? String
            else { throw StepFailure("\(arguments[0]) has no communication on the call") }
            world.variables[arguments[1]] = communication
        },
        // | date | amount | from | iban | communication |: a CODA file of the building's account,
        // from the opening balance, its closing balance the sum; remembered to be sent again.
        StepDefinition("the bank sends the CODA statement {string} opening at {string} with the movements:") {
            world, arguments, step in
            var movements: [TestCODA.Movement] = []
            for row in try rows(of: step, columns: ["date", "amount", "from"]) {
                movements.append(
                    TestCODA.Movement(
                        date: row["date"]!, amount: row["amount"]!, name: row["from"]!,
                        iban: try world.interpolate(row["iban"] ?? ""),
                        communication: try world.interpolate(row["communication"] ?? "")))
            }
            let file = try TestCODA.file(number: arguments[0], opening: arguments[1], movements: movements)
            world.variables["bank file"] = file
            try await world.send(
                .post, "/api/v1/buildings/\(try variable(world, "building"))/bank-statements", bytes: Array(file.utf8),
                contentType: "text/plain")
        },
        StepDefinition("the bank sends the same file again") { world, _, _ in
            try await world.send(
                .post, "/api/v1/buildings/\(try variable(world, "building"))/bank-statements",
                bytes: Array(try variable(world, "bank file").utf8), contentType: "text/plain")
        },
        StepDefinition("the bank sends that file with line {int} cut to {int} characters") { world, arguments, _ in
            guard let line = Int(arguments[0]), let length = Int(arguments[1]) else { throw StepFailure("numbers") }
            var lines = try variable(world, "bank file").split(separator: "\n").map(String.init)
            lines[line - 1] = String(lines[line - 1].prefix(length))
            try await world.send(
                .post, "/api/v1/buildings/\(try variable(world, "building"))/bank-statements",
                bytes: Array(lines.joined(separator: "\n").utf8), contentType: "text/plain")
        },
    ]
}

/// Writes CODA files (Febelfin version 2, 128-character records) for the features.
enum TestCODA {
    struct Movement {
        let date: String
        let amount: String
        let name: String
        let iban: String
        /// `+++…+++` is written as a structured communication (type 101), anything else as text.
        let communication: String
    }

    static let account = "BE68539007547034"

    static func file(number: String, opening: String, movements: [Movement]) throws -> String {
        func cents(_ text: String) throws -> Int64 {
            let parts = text.split(separator: ".")
            guard let whole = Int64(parts[0].replacingOccurrences(of: "-", with: "")),
                let fraction = Int64(parts.count > 1 ? parts[1] : "0")
            else { throw StepFailure("\(text) is not an amount") }
            return (text.hasPrefix("-") ? -1 : 1) * (whole * 100 + fraction)
        }
        func ddmmyy(_ iso: String) -> String {
            let parts = iso.split(separator: "-")
            return "\(parts[2])\(parts[1])\(parts[0].suffix(2))"
        }
        func amount(_ value: Int64) -> String {
            let digits = String(abs(value) * 10)
            return (value < 0 ? "1" : "0") + String(repeating: "0", count: 15 - digits.count) + digits
        }
        func pad(_ text: String, _ length: Int) -> String {
            String(text.prefix(length)).padding(toLength: length, withPad: " ", startingAt: 0)
        }
        func record(_ text: String) throws -> String {
            guard text.count == 128 else { throw StepFailure("a CODA record of \(text.count) characters") }
            return text
        }
        let statement = String(repeating: "0", count: max(0, 3 - number.count)) + number
        let first = movements.first?.date ?? "2026-01-01"
        let last = movements.last?.date ?? first
        var balance = try cents(opening)
        var lines = [
            try record("00000" + ddmmyy(first) + pad("", 116) + "2"),
            try record(
                "12" + statement + pad(account, 34) + "EUR" + amount(balance) + ddmmyy(first)
                    + pad("ACP Les Tilleuls", 26) + pad("Compte courant", 35) + statement),
        ]
        for (index, movement) in movements.enumerated() {
            let sequence = String(format: "%04d", index + 1)
            let value = try cents(movement.amount)
            balance += value
            let structured = movement.communication.hasPrefix("+++")
            let zone =
                structured
                ? "101" + movement.communication.filter(\.isNumber) : movement.communication
            lines.append(
                try record(
                    "21" + sequence + "0000" + pad("REF\(sequence)", 21) + amount(value) + ddmmyy(movement.date)
                        + "00150000" + (structured ? "1" : "0") + pad(zone, 53) + ddmmyy(movement.date) + statement
                        + "01 0"))
            lines.append(
                try record(
                    "23" + sequence + "0000" + pad(movement.iban.replacingOccurrences(of: " ", with: ""), 37)
                        + pad(movement.name, 35) + pad("", 43) + "0 0"))
        }
        lines.append(
            try record("8" + statement + pad(account, 37) + amount(balance) + ddmmyy(last) + pad("", 64) + "0"))
        lines.append(try record("9" + pad("", 15) + String(format: "%06d", lines.count + 1) + pad("", 105) + "2"))
        return lines.joined(separator: "\n") + "\n"
    }
}
