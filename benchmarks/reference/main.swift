// The ceiling for Gestio's stack: Hummingbird 2 and postgres-nio only, serving one
// primary-key read of a user as JSON, the same read `GET /api/v1/auth/me` does (without the
// token check). `scripts/bench` runs it beside Gestio against the same database.
//   gestio-reference --database-url postgres://… --port 8090
// Then GET /users/{id}. Logs nothing per request.
import Foundation
import Hummingbird
import Logging
import PostgresNIO

struct UserRow: ResponseEncodable {
    let id: UUID
    let email: String
    let name: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, email, name
        case createdAt = "created_at"
    }
}

func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

let url = URLComponents(string: option("--database-url", default: "postgres://gestio@127.0.0.1:5432/gestio"))!
let port = Int(option("--port", default: "8090"))!
var logger = Logger(label: "reference")
logger.logLevel = .warning

var configuration = PostgresClient.Configuration(
    host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: url.user ?? "gestio",
    password: url.password, database: String(url.path.dropFirst()), tls: .disable)
configuration.options.maximumConnections = Int(option("--connections", default: "16"))!
let client = PostgresClient(configuration: configuration, backgroundLogger: logger)

let router = Router()
router.get("users/:id") { _, context -> UserRow in
    guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.badRequest) }
    let rows = try await client.query(
        "SELECT id, email, name, created_at FROM users WHERE id = \(id)", logger: logger)
    for try await (id, email, name, createdAt) in rows.decode((UUID, String, String, Date).self) {
        return UserRow(id: id, email: email, name: name, createdAt: createdAt)
    }
    throw HTTPError(.notFound)
}

var app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
app.addServices(client)
try await app.runService()
