import Foundation

extension Steps {
    /// Bookings through the public form, as a web page would send them.
    static let dispatch: [StepDefinition] = [
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
        }
    ]
}
