public import Foundation

public typealias ProjectTaskID = Identifier<ProjectTask>
public typealias MilestoneID = Identifier<Milestone>

/// A piece of a project's works: planned with a start and a duration, tied to a trade, weighted
/// for progress.
public struct ProjectTask: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case todo
        case inProgress = "in_progress"
        case blocked, done

        static let moves: [Status: Set<Status>] = [
            .todo: [.inProgress],
            .inProgress: [.blocked, .done],
            .blocked: [.inProgress],
        ]
    }

    /// What is planned, checked together.
    public struct Plan: Sendable, Equatable {
        public let title: String
        public let description: String?
        public let tradeID: TradeID?
        public let assignees: [UserID]
        /// The earliest day the task may start (nil: as soon as its predecessors allow).
        public let start: CalendarDate?
        /// Calendar days, at least 1.
        public let durationDays: Int
        /// Its share of its trade's and its project's progress.
        public let weight: Int

        public static let maximumAssignees = 20

        public init(
            title: String, description: String?, tradeID: TradeID?, assignees: [UserID], start: CalendarDate?,
            durationDays: Int, weight: Int
        ) throws {
            self.title = try Text.required(title, field: "title", minimum: 3, maximum: 200)
            self.description = try Text.optional(description, field: "description", maximum: 5000)
            self.tradeID = tradeID
            guard assignees.count <= Self.maximumAssignees else {
                throw DomainError.invalidValue(field: "assignees", reason: "at most \(Self.maximumAssignees)")
            }
            self.assignees = Array(Set(assignees)).sorted { $0.description < $1.description }
            if let start, !Project.Details.plannable.contains(start.year) {
                throw DomainError.invalidValue(field: "start", reason: "must be in the years 1900 to 2999")
            }
            self.start = start
            guard (1...3650).contains(durationDays) else {
                throw DomainError.invalidValue(field: "durationDays", reason: "must be from 1 to 3650")
            }
            self.durationDays = durationDays
            guard (1...1000).contains(weight) else {
                throw DomainError.invalidValue(field: "weight", reason: "must be from 1 to 1000")
            }
            self.weight = weight
        }

        /// The duration of a task given by its last day rather than its length.
        public static func duration(from start: CalendarDate, to end: CalendarDate) throws -> Int {
            guard start <= end else {
                throw DomainError.invalidValue(field: "end", reason: "must not be before start")
            }
            return start.days(until: end) + 1
        }
    }

    public let id: ProjectTaskID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public var plan: Plan
    public private(set) var status: Status
    public private(set) var percentComplete: Int
    /// Its place in its status's column of the board.
    public var position: Int
    /// Raised by every change: a client sends back the version it saw, and a stale one is refused.
    public var version: Int
    public private(set) var validatedBy: UserID?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: ProjectTaskID, projectID: ProjectID, organizationID: OrganizationID, plan: Plan, status: Status = .todo,
        percentComplete: Int = 0, position: Int = 0, version: Int = 1, validatedBy: UserID? = nil, createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.plan = plan
        self.status = status
        self.percentComplete = percentComplete
        self.position = position
        self.version = version
        self.validatedBy = validatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The progress it counts for: all of it once done.
    public var progress: Int { status == .done ? 100 : percentComplete }

    public mutating func report(percent: Int) throws {
        guard (0...100).contains(percent) else {
            throw DomainError.invalidValue(field: "percentComplete", reason: "must be from 0 to 100")
        }
        guard status != .done || percent == 100 else {
            throw DomainError.invalidValue(field: "percentComplete", reason: "a done task is complete")
        }
        percentComplete = percent
    }

    /// Moves the task; done sets it complete, and records who validated it when that was needed.
    public mutating func move(to next: Status, validatedBy validator: UserID? = nil) throws {
        guard Status.moves[status]?.contains(next) == true else {
            throw DomainError.illegalTransition(entity: "task", from: status.rawValue, to: next.rawValue)
        }
        status = next
        if next == .done {
            percentComplete = 100
            validatedBy = validator
        }
    }
}

/// Finish-to-start: the successor starts `lagDays` after the predecessor ends.
public struct TaskDependency: Sendable, Equatable, Hashable {
    public let predecessor: ProjectTaskID
    public let successor: ProjectTaskID
    public let lagDays: Int

    public init(predecessor: ProjectTaskID, successor: ProjectTaskID, lagDays: Int) throws {
        guard predecessor != successor else {
            throw DomainError.invalidValue(field: "predecessorId", reason: "a task cannot depend on itself")
        }
        guard (0...365).contains(lagDays) else {
            throw DomainError.invalidValue(field: "lagDays", reason: "must be from 0 to 365")
        }
        self.predecessor = predecessor
        self.successor = successor
        self.lagDays = lagDays
    }

    /// The tasks of the cycle `adding` would close, from its predecessor back to it (nil: none).
    public static func cycle(adding new: TaskDependency, to existing: [TaskDependency]) -> [ProjectTaskID]? {
        var successors: [ProjectTaskID: [ProjectTaskID]] = [:]
        for dependency in existing { successors[dependency.predecessor, default: []].append(dependency.successor) }
        // A path from the new successor to the new predecessor closes a cycle.
        var cameFrom: [ProjectTaskID: ProjectTaskID] = [:]
        var queue = [new.successor]
        var seen: Set<ProjectTaskID> = [new.successor]
        while !queue.isEmpty {
            let current = queue.removeFirst()
            if current == new.predecessor {
                var path = [current]
                var step = current
                while let previous = cameFrom[step] {
                    path.append(previous)
                    step = previous
                }
                // path runs predecessor ← … ← successor; the cycle reads predecessor → successor → … → predecessor.
                return [new.predecessor] + path.reversed()
            }
            for next in successors[current, default: []] where seen.insert(next).inserted {
                cameFrom[next] = current
                queue.append(next)
            }
        }
        return nil
    }
}

/// A dated point of the project, reached when the tasks it depends on are done.
public struct Milestone: Sendable, Equatable {
    public let id: MilestoneID
    public let projectID: ProjectID
    public let organizationID: OrganizationID
    public let name: String
    public let dueOn: CalendarDate
    public let taskIDs: [ProjectTaskID]
    public let createdAt: Date

    public init(
        id: MilestoneID, projectID: ProjectID, organizationID: OrganizationID, name: String, dueOn: CalendarDate,
        taskIDs: [ProjectTaskID], createdAt: Date
    ) throws {
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.name = try Text.required(name, field: "name", minimum: 2, maximum: 200)
        self.dueOn = dueOn
        guard taskIDs.count <= 500 else { throw DomainError.invalidValue(field: "taskIds", reason: "at most 500") }
        self.taskIDs = Array(Set(taskIDs)).sorted { $0.description < $1.description }
        self.createdAt = createdAt
    }

    public func isReached(_ statuses: [ProjectTaskID: ProjectTask.Status]) -> Bool {
        taskIDs.allSatisfy { statuses[$0] == .done }
    }

    /// Its day has passed and it is not reached.
    public func isLate(on day: CalendarDate, _ statuses: [ProjectTaskID: ProjectTask.Status]) -> Bool {
        dueOn < day && !isReached(statuses)
    }
}
