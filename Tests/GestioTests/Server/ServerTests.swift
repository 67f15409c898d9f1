import Bootstrap
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HTTPServer

@Suite("HTTP server")
struct ServerTests {
    @Test("Every registered route is in the OpenAPI document, and every documented route exists")
    func openAPICoversRoutes() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let router = gestio.router()
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.document(for: Gestio.modules.map(\.http))))
                    as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(
                paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(
                router.routes.map { route in
                    let path = route.path.description.split(separator: "/").map { component in
                        component.hasPrefix(":") ? "{\(component.dropFirst())}" : String(component)
                    }.joined(separator: "/")
                    return "\(route.method.rawValue) /\(path)"
                })
            #expect(
                registered.subtracting(documented).isEmpty,
                "routes missing from openapi.json: \(registered.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented but not registered: \(documented.subtracting(registered).sorted())")
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let entityTypes = (schemas?["DocumentEntityType"] as? [String: Any])?["enum"] as? [String]
            #expect(
                Set(entityTypes ?? []) == Set(gestio.documents.links.all.map(\.type)),
                "DocumentEntityType names every entity type a module registers, and no other")
        }
    }

    @Test(
        "The contract adds the answers every operation of a kind can give and its roles, and refuses a route defined twice or without its permission"
    )
    func contractAssembly() throws {
        let shared = Array(#"{"openapi": "3.1.0", "paths": {}, "components": {"schemas": {}}}"#.utf8)
        let orders = Array(
            #"""
            {"paths": {"/api/v1/orders": {"post": {"security": [{"bearer": []}], "x-permission": "manage_ledger",
             "requestBody": {"content": {}},
             "responses": {"201": {"description": "made"}}}},
             "/api/v1/health": {"get": {"responses": {"200": {"description": "ok"}}}}},
             "components": {"schemas": {"Order": {"type": "object"}}}}
            """#.utf8)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.assemble(shared: shared, fragments: [orders])))
                as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let post = try #require(paths["/api/v1/orders"]?["post"]?["responses"] as? [String: Any])
        // A write behind a token also takes an Idempotency-Key, whose replay while running is a 409.
        #expect(Set(post.keys) == ["201", "400", "401", "403", "409", "413", "422"])
        let parameters = try #require(paths["/api/v1/orders"]?["post"]?["parameters"] as? [[String: String]])
        #expect(parameters == [["$ref": "#/components/parameters/IdempotencyKey"]])
        let health = try #require(paths["/api/v1/health"]?["get"]?["responses"] as? [String: Any])
        #expect(Set(health.keys) == ["200"])
        // The roles come from the access policy's one table.
        let roles = try #require(paths["/api/v1/orders"]?["post"]?["x-roles"] as? [String])
        #expect(roles == ["accountant", "admin", "superadmin", "syndic"])
        // all_of: the roles granting every one of them.
        let both = Array(
            String(decoding: orders, as: UTF8.self).replacingOccurrences(
                of: #""x-permission": "manage_ledger","#,
                with: #""x-permission": {"all_of": ["manage_ledger", "manage_co_ownership"]},"#
            ).utf8)
        let intersected = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.assemble(shared: shared, fragments: [both])))
                as? [String: Any])
        #expect(
            ((intersected["paths"] as? [String: [String: [String: Any]]])?["/api/v1/orders"]?["post"]?["x-roles"]
                as? [String]) == ["admin", "superadmin", "syndic"])
        let declared = #""x-permission": "manage_ledger","#
        for replacement in ["", #""x-permission": "manage_everything","#] {
            let fragment = Array(
                String(decoding: orders, as: UTF8.self).replacingOccurrences(of: declared, with: replacement).utf8)
            #expect(throws: OpenAPIDocument.AssemblyError.self, "without x-permission, or an unknown one") {
                try OpenAPIDocument.assemble(shared: shared, fragments: [fragment])
            }
        }
        #expect(throws: OpenAPIDocument.AssemblyError.self) {
            try OpenAPIDocument.assemble(shared: shared, fragments: [orders, orders])
        }
    }

    @Test(
        "Health, readiness, metrics and the OpenAPI document are served without auth", arguments: TestDatabase.enabled)
    func systemRoutes(_ database: TestDatabase) async throws {
        try await database.withGestio { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("ready"))
                }
                try await client.execute(uri: "/openapi.json", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json")
                }
                try await client.execute(uri: "/api/v1/auth/me", method: .get) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == .ok)
                    #expect(text.contains(#"http_requests_total{method="GET",route="/api/v1/auth/me",status="401"} 1"#))
                    #expect(text.contains("http_request_duration_seconds_bucket"))
                    #expect(text.contains("gestio_db_pool_capacity"))
                    #expect(text.contains("gestio_db_connections_in_use"))
                    #expect(text.contains("gestio_db_connections_waiting"))
                }
            }
        }
    }

    @Test("Names Swift gives (an error's field, a live event's keys) are spelled for the wire at the edge")
    func wireNames() throws {
        let cases = [
            ("dueDate", "due_date"), ("lines[12].accountCode", "lines[12].account_code"),
            ("snags[0].tradeId", "snags[0].trade_id"), ("urgentMinutes", "urgent_minutes"),
            ("fees.lateCancellationFeePercent", "fees.late_cancellation_fee_percent"),
            // Already the wire's, or not an identifier of ours: kept as given.
            ("lot_number", "lot_number"), ("Idempotency-Key", "Idempotency-Key"), ("file", "file"), ("", ""),
        ]
        for (swift, wire) in cases { #expect(WireName.of(swift) == wire, "\(swift)") }
        // Every identifier Foundation converts the same way agrees with the response keys.
        for key in ["buildingId", "totalTantiemes", "maxActivePerResident", "dateIso", "a"] {
            #expect(WireName.of(key) == SnakeCaseKeys.snakeCase(key), "\(key)")
        }
        let problem = try #require(
            Problem(mapping: DomainError.invalidValue(field: "lines[1].accountCode", reason: "is not in the chart")))
        #expect(problem.field == "lines[1].account_code")
        #expect(problem.detail == "lines[1].account_code is not in the chart")
        #expect(Problem.Item(line: 3, field: "ownerKind", detail: "x").field == "owner_kind")
    }

    @Test("Response keys and times are written as Foundation would write them, from caches")
    func wireFormats() throws {
        for key in ["id", "organizationID", "createdAt", "isActive", "totalTantiemes", "URLString", "lines2Count", "a"]
        {
            struct One: Encodable {
                let key: String
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: SnakeCaseKeys.Key.self)
                    try container.encode(1, forKey: SnakeCaseKeys.Key(stringValue: key))
                }
            }
            let foundation = JSONEncoder()
            foundation.keyEncodingStrategy = .convertToSnakeCase
            let ours = JSONEncoder()
            ours.keyEncodingStrategy = SnakeCaseKeys.strategy
            #expect(try ours.encode(One(key: key)) == foundation.encode(One(key: key)), "\(key)")
        }
        for seconds in [0, 951_782_400, 1_796_000_000, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(RFC3339.string(from: date) == date.formatted(Date.ISO8601FormatStyle()))
        }
        #expect(
            RFC3339.string(from: Date(timeIntervalSince1970: 1.5), milliseconds: true) == "1970-01-01T00:00:01.500Z")
        let ids = Set((0..<100).map { _ in RequestIDs.make() })
        #expect(ids.count == 100 && ids.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test("Every answer carries the security headers; HSTS only when configured")
    func securityHeaders() async throws {
        let hsts: (inout GestioConfiguration) -> Void = { $0.hstsMaxAge = 31_536_000 }
        try await TestDatabase.sqlite.withGestio(configure: hsts) { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                for uri in ["/health", "/api/v1/auth/me", "/api/v1/nothing-here"] {
                    try await client.execute(uri: uri, method: .get) { response in
                        #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                        #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
                        #expect(
                            response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
                        #expect(response.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
                        #expect(response.headers[.accessControlAllowOrigin] == nil, "no CORS without an allow-list")
                    }
                }
            }
        }
        try await TestDatabase.sqlite.withGestio { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) {
                    #expect($0.headers[.strictTransportSecurity] == nil)
                }
            }
        }
    }

    @Test("CORS: an allowed origin's preflight is answered and its requests are readable; others get nothing")
    func cors() async throws {
        let front = "https://app.syndic.example"
        let allowFront: (inout GestioConfiguration) -> Void = { $0.corsOrigins = [front] }
        try await TestDatabase.sqlite.withGestio(configure: allowFront) { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                let preflight: HTTPFields = [
                    .origin: front, .accessControlRequestMethod: "POST",
                    .accessControlRequestHeaders: "authorization, content-type",
                ]
                try await client.execute(uri: "/api/v1/auth/login", method: .options, headers: preflight) { response in
                    #expect(response.status == .noContent)
                    #expect(response.headers[.accessControlAllowOrigin] == front)
                    #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
                    #expect(response.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
                    #expect(response.headers[.vary] == "Origin")
                }
                try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.origin: front]) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.accessControlAllowOrigin] == front)
                    #expect(response.headers[.accessControlExposeHeaders]?.contains("X-Request-ID") == true)
                }
                var foreign = preflight
                foreign[.origin] = "https://evil.example"
                try await client.execute(uri: "/api/v1/auth/login", method: .options, headers: foreign) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.accessControlAllowOrigin] == nil)
                }
                try await client.execute(
                    uri: "/api/v1/auth/me", method: .get, headers: [.origin: "https://evil.example"]
                ) {
                    #expect($0.headers[.accessControlAllowOrigin] == nil)
                }
            }
        }
        #expect(
            try GestioConfiguration.fromEnvironment(["GESTIO_CORS_ORIGINS": "https://a.example, http://localhost:5173"])
                .corsOrigins == ["https://a.example", "http://localhost:5173"])
        for bad in ["*", "https://a.example/", "a.example", "https://a.example/app"] {
            #expect(throws: (any Error).self, "\(bad)") {
                try GestioConfiguration.fromEnvironment(["GESTIO_CORS_ORIGINS": bad])
            }
        }
        #expect(throws: (any Error).self) { try GestioConfiguration.fromEnvironment(["GESTIO_HSTS_MAX_AGE": "-1"]) }
    }

    @Test("Readiness fails with 503 when the database is gone")
    func notReady() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            await gestio.shutdown()
            try await app.test(.router) { client in
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }

    @Test("A client's X-Request-ID is echoed when sane, replaced when not")
    func requestIDs() async throws {
        try await TestDatabase.sqlite.withGestio { gestio in
            let app = Application(router: gestio.router(), logger: .quiet)
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get, headers: [.init("X-Request-ID")!: "abc-123"]) {
                    #expect($0.headers[.init("X-Request-ID")!] == "abc-123")
                }
                let long = String(repeating: "x", count: 300)
                try await client.execute(uri: "/health", method: .get, headers: [.init("X-Request-ID")!: long]) {
                    let echoed = $0.headers[.init("X-Request-ID")!]
                    #expect(echoed != nil && echoed != long)
                }
            }
        }
    }

    @Test("A route group sets its own body limit, larger or smaller; 1 MiB stays the default elsewhere")
    func bodyLimits() async throws {
        struct Body: Decodable { let padding: String }
        let router = Router(context: AppRequestContext.self)
        /// The padding's length, or the limit that refused the body.
        let echo: @Sendable (Request, AppRequestContext) async throws -> String = { request, context in
            do {
                return String(try await request.decodeJSON(Body.self, context: context).padding.count)
            } catch RequestError.payloadTooLarge(let limit) {
                return "refused over \(limit)"
            }
        }
        router.post("default", use: echo)
        router.group("uploads").limitingBodies(to: 3 << 20).post("", use: echo)
        router.group("small").limitingBodies(to: 100).post("", use: echo)
        @Sendable func body(_ count: Int) -> ByteBuffer {
            ByteBuffer(string: #"{"padding": ""# + String(repeating: "a", count: count) + #""}"#)
        }
        let app = Application(router: router, logger: .quiet)
        try await app.test(.router) { client in
            for (uri, count, expected) in [
                ("/default", 2 << 20, "refused over 1048576"), ("/default", 50, "50"),
                ("/uploads", 2 << 20, String(2 << 20)), ("/small", 200, "refused over 100"), ("/small", 50, "50"),
            ] {
                try await client.execute(uri: uri, method: .post, body: body(count)) {
                    #expect(String(buffer: $0.body) == expected, "\(uri) with \(count) bytes")
                }
            }
        }
    }
}
