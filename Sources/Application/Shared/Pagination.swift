import Domain

/// `?page=&per_page=` validated: page in 1...1,000,000, per_page in 1...100, so the offset
/// (at most 99,999,900) can never overflow, whatever a client sends.
public struct PageRequest: Sendable, Equatable {
    public static let maximumPerPage = 100
    public static let maximumPage = 1_000_000
    public let page: Int
    public let perPage: Int

    public init(page: Int = 1, perPage: Int = 20) throws {
        guard (1...Self.maximumPage).contains(page) else {
            throw DomainError.invalidValue(field: "page", reason: "must be between 1 and \(Self.maximumPage)")
        }
        guard (1...Self.maximumPerPage).contains(perPage) else {
            throw DomainError.invalidValue(field: "perPage", reason: "must be between 1 and \(Self.maximumPerPage)")
        }
        self.page = page
        self.perPage = perPage
    }

    public var offset: Int { (page - 1) * perPage }
}

/// One page of a list, with the totals a client needs to page on.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let request: PageRequest
    public let totalItems: Int

    public init(items: [Item], request: PageRequest, totalItems: Int) {
        self.items = items
        self.request = request
        self.totalItems = totalItems
    }

    public var totalPages: Int { totalItems == 0 ? 0 : (totalItems + request.perPage - 1) / request.perPage }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), request: request, totalItems: totalItems)
    }
}
