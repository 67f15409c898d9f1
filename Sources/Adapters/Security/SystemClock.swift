public import Application
public import Foundation

/// The real time.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Random (version 4) UUIDs.
public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func make() -> UUID { UUID() }
}
