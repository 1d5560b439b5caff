import AlertLog
import AlertReview
import ArgumentParser

/// The one alert whose id is, or starts with, `id`, for `alerts show` and
/// `alerts redeliver`; says so and exits when there is none or several.
func uniqueAlert(startingWith id: String, in review: AlertSearch) throws -> Alert {
    var prefix = AlertFilter()
    prefix.idPrefix = id
    // A folded report has an id too, and `alerts show` shows it.
    prefix.folded = true
    let matching = try review.alerts(matching: prefix, limit: 2).alerts
    guard let alert = matching.first else {
        printError("feedwatch: alerts: no alert with id \(id)")
        throw ExitStatus.failures
    }
    if Set(matching.map(\.id)).count > 1 {
        printError("feedwatch: alerts: \(id) is the start of several ids; give more of it")
        throw ExitStatus.usage
    }
    return alert
}
