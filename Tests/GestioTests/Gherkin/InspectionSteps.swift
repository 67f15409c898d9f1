import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

extension Steps {
    /// The vehicle inspection centre. The requests are the API's own in the feature files; this
    /// step plans an inspector's week as the centre's admin would.
    static let inspection: [StepDefinition] = [
        // The local server playing the assistant's language model (features named *language_model*).
        StepDefinition("the language model fails") { world, _, _ in try model(world).fail(true) },
        StepDefinition("the language model was asked {int} times") { world, arguments, _ in
            let chats = try model(world).chats
            try expect(chats.count == Int(arguments[0]), "the model was asked \(chats.count) times")
        },
        StepDefinition("the language model was asked once") { world, _, _ in
            let chats = try model(world).chats
            try expect(chats.count == 1, "the model was asked \(chats.count) times")
        },
        StepDefinition("the language model was last told {string}") { world, arguments, _ in
            let last = try model(world).chats.last
            let wanted = try world.interpolate(arguments[0])
            try expect(
                last.map { $0.system.contains(wanted) || $0.user.contains(wanted) } == true,
                "the model was last told: \(last.map { $0.system + " / " + $0.user } ?? "nothing")")
        },
        // The registration cards of Tests/Fixtures/ocr, rendered: the clean card as a PNG scan.
        StepDefinition("I send the scan of the registration card {string} as {string} to {string}") {
            world, arguments, _ in
            try await upload(
                world, to: arguments[2], name: arguments[1], type: "image/png",
                bytes: try await RegistrationCardFixture.named(arguments[0]).scanPNG(), fields: [])
        },
        // Each refused as an empty file (422), and each counted against the account's hourly reads.
        StepDefinition("{int} empty files are sent to {string}") { world, arguments, _ in
            for number in 0..<(Int(arguments[0]) ?? 0) {
                try await upload(world, to: arguments[1], name: "vide-\(number).png", type: nil, bytes: [], fields: [])
                let status = try lastResponse(world).status.code
                try expect(status == 422, "empty file \(number + 1) answered \(status)")
            }
        },
        StepDefinition("I upload the scan of the registration card {string} as {string} to {string} with the fields:") {
            world, arguments, step in
            try await upload(
                world, to: arguments[2], name: arguments[1], type: "image/png",
                bytes: try await RegistrationCardFixture.named(arguments[0]).scanPNG(),
                fields: try fields(of: step, world))
        },
        // Every weekday (Monday to Friday) the same span; categories comma-separated.
        StepDefinition(
            "the inspector {string} works at the centre {string} on weekdays {string}, certified for {string}"
        ) {
            world, arguments, _ in
            let days = ["monday", "tuesday", "wednesday", "thursday", "friday"]
            let hours = Dictionary(uniqueKeysWithValues: days.map { ($0, [arguments[2]]) })
            let body: [String: Any] = [
                "centre_id": try variable(world, arguments[1]), "hours": hours,
                "categories": arguments[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            ]
            let response = try await world.send(
                .put, "/api/v1/inspectors/\(try variable(world, "\(arguments[0]).id"))/schedule",
                json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self),
                as: world.currentPerson)
            try expect(response.status.code == 200, "schedule of \(arguments[0]): \(String(buffer: response.body))")
        },
        // Each booking is for another car (plates 1-RCE-001, 1-RCE-002, …), all sent together.
        StepDefinition(
            "{int} bookings of the service {string} at the centre {string} starting {string} are sent at once"
        ) {
            world, arguments, _ in
            guard let count = Int(arguments[0]), (1...200).contains(count) else { throw StepFailure("bad count") }
            let (service, centre) = (try variable(world, arguments[1]), try variable(world, arguments[2]))
            let token = try world.token(of: try world.currentPerson ?? { throw StepFailure("nobody is logged in") }())
            let (client, start) = (world.client, arguments[3])
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 1...count {
                    group.addTask {
                        let body = """
                            {"centre_id": "\(centre)", "service_id": "\(service)", "slot_start": "\(start)",
                             "vehicle": {"plate": "1-RCE-\(String(format: "%03d", index))", "category": "M1"},
                             "contact": {"name": "Client \(index)", "phone": "+32470000\(String(format: "%03d", index))"}}
                            """
                        let response = try await client.executeRequest(
                            uri: "/api/v1/appointments", method: .post,
                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                            body: ByteBuffer(string: body))
                        return Int(response.status.code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            world.variables["race.booked"] = String(statuses.filter { $0 == 201 }.count)
            world.variables["race.refused"] = String(statuses.filter { $0 == 409 }.count)
            world.variables["race.other"] = String(statuses.filter { $0 != 201 && $0 != 409 }.count)
        },
        StepDefinition("{int} of them are booked and {int} get 409") { world, arguments, _ in
            let (booked, refused, other) = (
                try variable(world, "race.booked"), try variable(world, "race.refused"),
                try variable(world, "race.other")
            )
            try expect(
                booked == arguments[0] && refused == arguments[1] && other == "0",
                "booked \(booked), refused \(refused), other statuses \(other)")
        },
        // The inspector records the points still to check: the table's as defects, every other ok.
        StepDefinition("the inspection {string} finds every point ok") { world, arguments, _ in
            try await recordPoints(world, inspection: arguments[0], defects: [])
        },
        StepDefinition("the downloaded PDF's QR code reads {string}") { world, arguments, _ in
            let text = try await PDFRendererTests.qrText(ofPDF: Array(try lastResponse(world).body.readableBytesView))
            try expect(text == arguments[0], "the QR code reads \(text)")
        },
        StepDefinition("the response body does not mention {string}") { world, arguments, _ in
            let body = String(buffer: try lastResponse(world).body)
            try expect(!body.contains(arguments[0]), "the body mentions \(arguments[0]): \(body)")
        },
        StepDefinition("the inspection {string} finds every point ok except:") { world, arguments, step in
            try await recordPoints(
                world, inspection: arguments[0], defects: try rows(of: step, columns: ["code", "severity"]))
        },
    ]

    static func recordPoints(_ world: World, inspection: String, defects: [[String: String]]) async throws {
        let id = try variable(world, inspection)
        let read = try await world.send(.get, "/api/v1/vehicle-inspections/\(id)", as: world.currentPerson)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: read.body))
        guard let points = JSONPath.lookup("points", in: json) as? [[String: Any]] else {
            throw StepFailure("no points: \(String(buffer: read.body))")
        }
        let byCode = Dictionary(uniqueKeysWithValues: defects.map { ($0["code"] ?? "", $0) })
        let body: [[String: Any]] = points.compactMap { point in
            guard let code = point["code"] as? String, point["outcome"] == nil else { return nil }
            guard let defect = byCode[code] else { return ["code": code, "outcome": "ok"] }
            var found: [String: Any] = ["code": code, "outcome": "defect", "severity": defect["severity"] ?? ""]
            if let measured = defect["measured"].flatMap(Double.init) { found["measured"] = measured }
            return found
        }
        let response = try await world.send(
            .patch, "/api/v1/vehicle-inspections/\(id)/points",
            json: String(decoding: try JSONSerialization.data(withJSONObject: ["points": body]), as: UTF8.self),
            as: world.currentPerson)
        try expect(response.status.code == 200, "recording the points: \(String(buffer: response.body))")
    }
}

extension Steps {
    /// The payment provider's side: its webhook events, signed as Stripe signs them, and what it
    /// was asked (the fake provider a payments feature runs with).
    static let payments: [StepDefinition] = [
        StepDefinition("the provider sends the event {string} of type {string} for {string}, signed with {string}") {
            world, arguments, _ in
            try await sendEvent(world, arguments, age: 0)
        },
        StepDefinition(
            "the provider sends the event {string} of type {string} for {string}, signed with {string} {int} minutes ago"
        ) { world, arguments, _ in
            try await sendEvent(world, arguments, age: TimeInterval(Int(arguments[4]) ?? 0) * 60)
        },
        StepDefinition("the provider holds an intent {string} of {int} cents made with the key {string}") {
            world, arguments, _ in
            let intents = try provider(world).intents
            let intent = intents.first { $0.id == arguments[0] }
            try expect(
                intent?.amount == Int(arguments[1]) && intent?.key == arguments[2],
                "the provider holds \(intents.map { "\($0.id) \($0.amount) \($0.key)" })")
        },
        StepDefinition("the provider refuses refunds") { world, _, _ in
            try provider(world).refusesRefunds.withLock { $0 = true }
        },
        StepDefinition("the provider takes refunds again") { world, _, _ in
            try provider(world).refusesRefunds.withLock { $0 = false }
        },
        StepDefinition("the provider has refunded {int} cents of {string}") { world, arguments, _ in
            let intents = try provider(world).intents
            let intent = intents.first { $0.id == arguments[1] }
            try expect(
                intent?.refunded == Int(arguments[0]),
                "the provider refunded \(intents.map { "\($0.id): \($0.refunded)" })")
        },
    ]

    static func model(_ world: World) throws -> FakeLanguageModel {
        guard let model = world.languageModel else {
            throw StepFailure("no language model runs for this feature (its file name must contain \"language_model\")")
        }
        return model
    }

    static func provider(_ world: World) throws -> FakePaymentProvider {
        guard let provider = world.paymentProvider else {
            throw StepFailure("no payment provider runs for this feature (its file name must contain \"payment\")")
        }
        return provider
    }

    /// `arguments`: event id, type, payment intent, webhook secret.
    static func sendEvent(_ world: World, _ arguments: [String], age: TimeInterval) async throws {
        let payload = """
            {"id": "\(arguments[0])", "object": "event", "type": "\(arguments[1])",
             "data": {"object": {"id": "\(arguments[2])", "object": "payment_intent", "amount": 4550}}}
            """
        let timestamp = Int(world.clock.now().timeIntervalSince1970 - age)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).\(payload)".utf8), using: SymmetricKey(data: Data(arguments[3].utf8)))
        let signature = mac.map { String(format: "%02x", $0) }.joined()
        // The provider calls without any token.
        let person = world.currentPerson
        world.currentPerson = nil
        defer { world.currentPerson = person }
        try await world.send(
            .post, "/api/v1/webhooks/payments", json: payload,
            headers: [HTTPField.Name("Stripe-Signature")!: "t=\(timestamp),v1=\(signature)"])
    }
}

extension Steps {
    /// The public page's form, for the rate limit: each attempt counts, though refused.
    static let publicPage: [StepDefinition] = [
        StepDefinition("{int} public bookings at {string} are refused for a past slot") { world, arguments, _ in
            guard let count = Int(arguments[0]), (1...50).contains(count) else { throw StepFailure("bad count") }
            for index in 1...count {
                let body = """
                    {"service_id": "\(UUID())", "slot_start": "2001-01-01T08:00:00Z", "captcha_token": "x",
                     "vehicle": {"plate": "1-OLD-\(String(format: "%03d", index))", "category": "M1"},
                     "contact": {"name": "Old", "email": "old@example.com"}}
                    """
                let response = try await world.send(
                    .post, "/api/v1/public/centres/\(arguments[1])/appointments", json: body, anonymous: true)
                try expect(response.status.code == 422, "attempt \(index) answered \(response.status.code)")
            }
        }
    ]
}
