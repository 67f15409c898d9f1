import Application
import Foundation
import HTTPTypes
import Hummingbird
import Logging
public import Prometheus
import Synchronization

/// Gives each request an id (the client's `X-Request-ID` when sane, else a new one), echoes it,
/// writes one log line per request and records Prometheus counters and latency histograms.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let requestID = Self.acceptedRequestID(request.headers[.xRequestID]) ?? RequestIDs.make()
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // The problem middleware sits inside this one, so only a failure of that middleware lands here.
            response =
                Problem(mapping: error)?.response(requestID: requestID)
                ?? Problem.unexpected.response(requestID: requestID)
        }
        let duration = ContinuousClock.now - start
        response.headers[.xRequestID] = requestID
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: duration)
        // Milliseconds with two decimals, without a formatter.
        let hundredths = duration.components.seconds * 100_000 + duration.components.attoseconds / 10_000_000_000_000
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue), "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .stringConvertible(Double(hundredths) / 100),
        ]
        if let organization = context.trace.organizationID {
            metadata["organization"] = .string(organization.description)
        }
        context.logger.info("request", metadata: metadata)
        return response
    }

    /// Client ids are echoed into logs and headers: accept only short, plain ones.
    static func acceptedRequestID(_ raw: String?) -> String? {
        guard let raw, (1...128).contains(raw.utf8.count),
            raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") })
        else { return nil }
        return raw
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-ID")!
}

/// The Prometheus registry behind `GET /metrics`, and the HTTP series recorded in it.
public struct HTTPMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status")
    }
    static var latency: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route")
    }
    static var connectionsInUse: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gestio", metricName: "db_connections_in_use", unitName: "",
            helpText: "Database connections in use")
    }
    static var connectionsWaiting: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gestio", metricName: "db_connections_waiting", unitName: "",
            helpText: "Callers waiting for a database connection")
    }
    static var poolCapacity: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gestio", metricName: "db_pool_capacity", unitName: "",
            helpText: "Most database connections the pool opens")
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    private struct Series: Hashable {
        let method: String
        let route: String
        let status: Int
    }
    /// Each route's counter and histogram, looked up once: building the label arrays and asking
    /// the registry on every request showed in the profile.
    private let series = SeriesCache()

    private final class SeriesCache: Sendable {
        let known = Mutex<[Series: (Counter, DurationHistogram)]>([:])
    }

    /// Methods outside these are counted as `OTHER`, so a client cannot grow the series without end.
    static let knownMethods: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    ]

    func record(method rawMethod: String, route: String, status: Int, duration: Duration) {
        let method = Self.knownMethods.contains(rawMethod) ? rawMethod : "OTHER"
        let key = Series(method: method, route: route, status: status)
        let metrics =
            series.known.withLock { $0[key] }
            ?? {
                let made = (
                    registry.makeCounter(
                        descriptor: Self.requests,
                        labels: [("method", method), ("route", route), ("status", String(status))]),
                    registry.makeDurationHistogram(
                        descriptor: Self.latency, labels: [("method", method), ("route", route)],
                        buckets: Self.latencyBuckets)
                )
                series.known.withLock { $0[key] = made }
                return made
            }()
        metrics.0.increment()
        metrics.1.record(duration)
    }

    /// Sets the database pool gauges just before a scrape.
    func recordPool(_ usage: PoolUsage) {
        registry.makeGauge(descriptor: Self.connectionsInUse).set(Double(usage.inUse))
        registry.makeGauge(descriptor: Self.connectionsWaiting).set(Double(usage.waiting))
        registry.makeGauge(descriptor: Self.poolCapacity).set(Double(usage.capacity))
    }
}
