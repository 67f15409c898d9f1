/// The critical path method over a project's tasks: the earliest and latest days each task may
/// start and end, its slack, and the tasks whose delay moves the project's end.
public struct ProjectSchedule: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let task: ProjectTaskID
        public let earlyStart: CalendarDate
        /// The last day of work (inclusive).
        public let earlyFinish: CalendarDate
        public let lateStart: CalendarDate
        public let lateFinish: CalendarDate
        /// Days the task may slip without moving the project's end.
        public let slackDays: Int
        public var isCritical: Bool { slackDays == 0 }
    }

    /// By task.
    public let entries: [ProjectTaskID: Entry]
    /// The critical tasks, in the order of their early start (then of their id).
    public let criticalPath: [ProjectTaskID]
    /// The last day of the last task (nil without tasks).
    public let end: CalendarDate?

    /// How long a schedule may run: a plan beyond it is refused, so that no day it computes
    /// leaves the calendar.
    public static let maximumDays = 36_500

    /// `start` is the project's first day; a task with its own start begins no earlier than it.
    /// The dependencies must be acyclic (they are checked as they are added). Throws when the
    /// plan would run more than `maximumDays` (a hundred years) from the start.
    public init(tasks: [ProjectTask], dependencies: [TaskDependency], start: CalendarDate) throws {
        let byID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let known = dependencies.filter { byID[$0.predecessor] != nil && byID[$0.successor] != nil }
        let order = Self.topologicalOrder(tasks.map(\.id).sorted { $0.description < $1.description }, known)
        var incoming: [ProjectTaskID: [TaskDependency]] = [:]
        var outgoing: [ProjectTaskID: [TaskDependency]] = [:]
        for dependency in known {
            incoming[dependency.successor, default: []].append(dependency)
            outgoing[dependency.predecessor, default: []].append(dependency)
        }
        // Days are offsets from `start`; a task occupies [earlyStart, earlyStart + duration).
        var earlyStart: [ProjectTaskID: Int] = [:]
        for id in order {
            guard let task = byID[id] else { continue }
            var day = max(0, task.plan.start.map { start.days(until: $0) } ?? 0)
            for dependency in incoming[id, default: []] {
                guard let before = earlyStart[dependency.predecessor], let predecessor = byID[dependency.predecessor]
                else { continue }
                day = max(day, before + predecessor.plan.durationDays + dependency.lagDays)
            }
            earlyStart[id] = day
        }
        let finish =
            order.compactMap { id in byID[id].flatMap { task in earlyStart[id].map { $0 + task.plan.durationDays } } }
            .max() ?? 0
        guard finish <= Self.maximumDays else {
            throw DomainError.invalidValue(
                field: "durationDays", reason: "the plan would run more than 100 years from the project's start")
        }
        var lateFinish: [ProjectTaskID: Int] = [:]
        for id in order.reversed() where byID[id] != nil {
            var day = finish
            for dependency in outgoing[id, default: []] {
                guard let after = lateFinish[dependency.successor], let successor = byID[dependency.successor]
                else { continue }
                day = min(day, after - successor.plan.durationDays - dependency.lagDays)
            }
            lateFinish[id] = day
        }
        var entries: [ProjectTaskID: Entry] = [:]
        for (id, task) in byID {
            guard let early = earlyStart[id], let late = lateFinish[id] else { continue }
            let duration = task.plan.durationDays
            entries[id] = Entry(
                task: id, earlyStart: start.adding(days: early), earlyFinish: start.adding(days: early + duration - 1),
                lateStart: start.adding(days: late - duration), lateFinish: start.adding(days: late - 1),
                slackDays: late - duration - early)
        }
        self.entries = entries
        criticalPath = entries.values.filter(\.isCritical)
            .sorted { ($0.earlyStart, $0.task.description) < ($1.earlyStart, $1.task.description) }.map(\.task)
        end = tasks.isEmpty ? nil : start.adding(days: finish - 1)
    }

    /// Kahn's order, ties broken by the order given; tasks left on a cycle come last.
    static func topologicalOrder(_ ids: [ProjectTaskID], _ dependencies: [TaskDependency]) -> [ProjectTaskID] {
        var indegree = Dictionary(ids.map { ($0, 0) }, uniquingKeysWith: { first, _ in first })
        var successors: [ProjectTaskID: [ProjectTaskID]] = [:]
        for dependency in dependencies {
            indegree[dependency.successor, default: 0] += 1
            successors[dependency.predecessor, default: []].append(dependency.successor)
        }
        var ready = ids.filter { indegree[$0] == 0 }
        var order: [ProjectTaskID] = []
        var placed: Set<ProjectTaskID> = []
        while !ready.isEmpty {
            let id = ready.removeFirst()
            order.append(id)
            placed.insert(id)
            for next in successors[id, default: []] {
                indegree[next, default: 0] -= 1
                if indegree[next] == 0 { ready.append(next) }
            }
        }
        return order + ids.filter { !placed.contains($0) }
    }
}

/// Weighted completion, rolled up from tasks to their trade and to the project.
public struct ProjectProgress: Sendable, Equatable {
    /// 0 to 100, one decimal.
    public let project: Double
    /// By trade (tasks without a trade are counted only in the project's figure).
    public let trades: [TradeID: Double]

    public init(tasks: [ProjectTask]) {
        func weighted(_ tasks: [ProjectTask]) -> Double {
            let weight = tasks.reduce(0) { $0 + $1.plan.weight }
            guard weight > 0 else { return 0 }
            let done = tasks.reduce(0) { $0 + $1.plan.weight * $1.progress }
            return (Double(done) / Double(weight) * 10).rounded() / 10
        }
        project = weighted(tasks)
        var byTrade: [TradeID: [ProjectTask]] = [:]
        for task in tasks { if let trade = task.plan.tradeID { byTrade[trade, default: []].append(task) } }
        trades = byTrade.mapValues(weighted)
    }
}
