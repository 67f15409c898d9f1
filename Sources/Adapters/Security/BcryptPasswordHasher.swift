public import Application
import Dispatch
import HummingbirdBcrypt

/// bcrypt through HummingbirdBcrypt, run on a Dispatch queue so the cooperative pool never blocks.
public struct BcryptPasswordHasher: PasswordHasher {
    public let cost: UInt8
    /// A hash at the same cost, compared against when there is no user to check.
    private let decoyHash: String

    /// `cost` 4...31; production uses 12, tests may use 4.
    public init(cost: UInt8 = 12) {
        precondition((4...31).contains(cost), "bcrypt cost must be in 4...31")
        self.cost = cost
        self.decoyHash = Bcrypt.hash("decoy-\(UInt64.random(in: .min ... .max))", cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return await offload { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    public func verifyNothing(_ password: String) async {
        let decoy = decoyHash
        _ = await offload { Bcrypt.verify(password, hash: decoy) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
