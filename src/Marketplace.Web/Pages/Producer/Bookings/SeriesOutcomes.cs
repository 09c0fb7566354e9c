using System.Globalization;
using Marketplace.Infrastructure.Bookings;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// The per-day answers of "book every upcoming day of this series", carried across the redirect
/// to the dashboard. Only what the booking left no trace of (refusals) needs carrying; the rest
/// is also visible in the bookings list, so losing it on a refresh loses nothing.
/// </summary>
public static class SeriesOutcomes
{
    private const string TempDataKey = "BookingSeriesOutcomes";

    public static void Store(ITempDataDictionary tempData, IEnumerable<BookingOutcome> outcomes) =>
        tempData[TempDataKey] = string.Join('\n', outcomes.Select(o => string.Join('|',
            o.FairDayId.ToString(CultureInfo.InvariantCulture),
            o.Kind,
            o.StallCode ?? "",
            o.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? "",
            o.Refusal?.ToString() ?? "")));

    /// <summary>The stored outcomes (empty list when "book the series" found nothing to book), or null.</summary>
    public static IReadOnlyList<BookingOutcome>? Take(ITempDataDictionary tempData)
    {
        if (tempData[TempDataKey] is not string stored)
        {
            return null;
        }
        var outcomes = new List<BookingOutcome>();
        foreach (var line in stored.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('|');
            if (parts.Length != 5
                || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var dayId)
                || !Enum.TryParse<BookingOutcomeKind>(parts[1], out var kind))
            {
                continue;
            }
            outcomes.Add(new BookingOutcome(kind, dayId,
                StallCode: parts[2].Length == 0 ? null : parts[2],
                WaitlistPosition: int.TryParse(parts[3], CultureInfo.InvariantCulture, out var position) ? position : null,
                Refusal: Enum.TryParse<BookingRefusal>(parts[4], out var refusal) ? refusal : null));
        }
        return outcomes;
    }
}
