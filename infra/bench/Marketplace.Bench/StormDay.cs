using System.Globalization;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Seeding.Scale;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Bench;

/// <summary>
/// Prepares the booking storm's fair day through the real schema: a new venue with exactly
/// <see cref="Stalls"/> stalls in the first generated municipality, and a first-come series
/// without quotas, approval or fees holding one day a week from now, its window open. A new one
/// each run, so a reused database never starts the storm with bookings on the day.
/// Prints the fair day's id.
/// </summary>
public static class StormDay
{
    public const int Stalls = 100;

    public static async Task<int> PrepareAsync(BenchOptions options)
    {
        await using var db = options.OpenDatabase();
        var municipality = await db.Municipalities
            .Where(m => m.Code.StartsWith(ScaleDataGenerator.MunicipalityCodePrefix))
            .OrderBy(m => m.Code).FirstAsync();
        var clock = municipality.Clock();
        var date = clock.TodayAt(DateTime.UtcNow).AddDays(7);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);

        var venue = new Venue
        {
            MunicipalityId = municipality.Id,
            Name = $"Campo de la carrera {stamp}",
            Kind = VenueKind.Field,
            Latitude = municipality.Latitude,
            Longitude = municipality.Longitude,
            Stalls = Enumerable.Range(1, Stalls).Select(n => new Stall
            {
                Code = $"R-{n:D3}",
                Kind = StallKind.Produce,
            }).ToList(),
        };
        db.Venues.Add(venue);
        await db.SaveChangesAsync();

        var series = new FairSeries
        {
            OrganizerMunicipalityId = municipality.Id,
            Name = $"Feria de la carrera {stamp}",
            ExplicitDates = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartsOn = date,
            EndsOn = date,
            StartTime = new TimeOnly(7, 0),
            EndTime = new TimeOnly(13, 0),
            Allocation = AllocationMode.FirstCome,
            Route = [new FairSeriesStop { Position = 0, VenueId = venue.Id }],
        };
        db.FairSeries.Add(series);
        await db.SaveChangesAsync();

        var occurrence = series.Schedule().Between(date, date).Single();
        var day = FairDay.Plan(series, occurrence, clock);
        db.FairDays.Add(day);
        await db.SaveChangesAsync();
        if (!day.IsBookableAt(DateTime.UtcNow))
        {
            Console.Error.WriteLine($"Fair day {day.Id} is not bookable now.");
            return 1;
        }
        Console.WriteLine(day.Id.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
