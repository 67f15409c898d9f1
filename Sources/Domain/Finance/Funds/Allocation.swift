/// Splits an amount in proportion to integer weights so that the parts add up to the amount
/// exactly, to the cent: each part is first rounded down, then the cents left over go one by
/// one to the largest remainders; equal remainders go to the smaller key, so the result never
/// depends on input order.
public enum Allocation {
    public static func split<Key: Comparable & Hashable>(_ amount: Money, by weights: [Key: Int64]) throws -> [Key:
        Money]
    {
        guard amount.minorUnits >= 0 else {
            throw DomainError.invalidValue(field: "amount", reason: "cannot split a negative amount")
        }
        guard weights.values.allSatisfy({ $0 >= 0 }) else {
            throw DomainError.invalidValue(field: "weights", reason: "must not be negative")
        }
        let totalWeight = weights.values.reduce(0, +)
        guard totalWeight > 0 else { throw DomainError.invalidValue(field: "weights", reason: "must not all be zero") }

        var parts: [Key: Int64] = [:]
        var remainders: [(key: Key, remainder: Int64)] = []
        for (key, weight) in weights {
            // amount × weight can pass Int64: multiply and divide at full width.
            let product = amount.minorUnits.multipliedFullWidth(by: weight)
            let (quotient, remainder) = totalWeight.dividingFullWidth((product.high, product.low))
            parts[key] = quotient
            remainders.append((key, remainder))
        }
        var left = amount.minorUnits - parts.values.reduce(0, +)
        for entry in remainders.sorted(by: {
            $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.key < $1.key
        }) {
            guard left > 0 else { break }
            parts[entry.key, default: 0] += 1
            left -= 1
        }
        return parts.mapValues { Money(minorUnits: $0, currency: amount.currency) }
    }
}
