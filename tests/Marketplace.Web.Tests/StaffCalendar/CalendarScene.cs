using System.Globalization;
using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.StaffCalendar;

/// <summary>Venues, stalls and series made through the real staff forms, for the calendar tests.</summary>
public static class CalendarScene
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Today in Huancavelica (America/Lima), as the site counts "upcoming".</summary>
    public static DateOnly TodayInLima() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Lima")));

    public static async Task<int> CreateVenueAsync(MarketplaceFactory site, HttpClient staff, string municipalityCode,
        string? name = null)
    {
        name ??= Unique("Plaza de prueba");
        var municipalityId = await MunicipalityIdAsync(site, municipalityCode);
        var response = await Forms.PostAsync(staff, "/Staff/Venues/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Address"] = "Jr. Prueba 123",
            ["Input.Kind"] = "Plaza",
            ["Input.MunicipalityId"] = municipalityId.ToString(CultureInfo.InvariantCulture),
            ["Input.Latitude"] = "-12,7866",
            ["Input.Longitude"] = "-74.9757",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == name).Select(v => v.Id).SingleAsync(Token));
        Assert.Equal($"/Staff/Venues/{id}/Stalls", Target(response));
        return id;
    }

    public static Task<HttpResponseMessage> AddStallsAsync(HttpClient staff, int venueId, string prefix, int from, int to,
        string kind = "Produce") =>
        Forms.PostAsync(staff, $"/Staff/Venues/{venueId}/Stalls", new Dictionary<string, string>
        {
            ["Bulk.Prefix"] = prefix,
            ["Bulk.From"] = from.ToString(CultureInfo.InvariantCulture),
            ["Bulk.To"] = to.ToString(CultureInfo.InvariantCulture),
            ["Bulk.Kind"] = kind,
            ["Bulk.Width"] = "2.5",
            ["Bulk.Depth"] = "3",
            ["Bulk.HasShade"] = "true",
        }, $"/Staff/Venues/{venueId}/Stalls?handler=Bulk");

    /// <summary>The fields of a weekly series on Saturdays at one venue, from today on; callers change what they test.</summary>
    public static async Task<Dictionary<string, string>> WeeklySeriesFormAsync(MarketplaceFactory site, string name,
        params int[] route)
    {
        var organizer = await MunicipalityIdAsync(site, Huancavelica);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.OrganizerMunicipalityId"] = organizer.ToString(CultureInfo.InvariantCulture),
            ["Input.Repeat"] = "Weekly",
            ["Input.Weekdays[0]"] = "Saturday",
            ["Input.StartTime"] = "07:00",
            ["Input.EndTime"] = "13:00",
            ["Input.StartsOn"] = Iso(TodayInLima()),
            ["Input.BookingOpensDaysBefore"] = "60",
            ["Input.BookingClosesHoursBefore"] = "12",
            ["Input.CancellationDeadlineHours"] = "24",
            ["Input.MaxStallsPerProducer"] = "1",
            ["Input.OfferHoldHours"] = "24",
            ["Input.WomenQuotaPercent"] = "20",
            ["Input.LocalQuotaPercent"] = "30",
            ["Input.Allocation"] = "FirstCome",
            ["Input.Fees[Produce]"] = "5,50",
            ["Input.IsActive"] = "true",
        };
        for (var i = 0; i < route.Length; i++)
        {
            fields[$"Input.Route[{i}]"] = route[i].ToString(CultureInfo.InvariantCulture);
        }
        return fields;
    }

    /// <summary>Posts the series form; returns the new series' id.</summary>
    public static async Task<int> CreateSeriesAsync(MarketplaceFactory site, HttpClient staff, Dictionary<string, string> fields)
    {
        var response = await Forms.PostAsync(staff, "/Staff/FairSeries/Edit", fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail("The series form answered " + (int)response.StatusCode + ": " + await response.Content.ReadAsStringAsync(Token));
        }
        Assert.Equal("/Staff/FairSeries", Target(response));
        var name = fields["Input.Name"];
        return await site.WithDbAsync(db => db.FairSeries.Where(s => s.Name == name).Select(s => s.Id).SingleAsync(Token));
    }

    public static Task<List<Domain.Fairs.FairDay>> DaysAsync(MarketplaceFactory site, int seriesId) =>
        site.WithDbAsync(db => db.FairDays.AsNoTracking().Where(d => d.FairSeriesId == seriesId)
            .OrderBy(d => d.OccurrenceDate).ToListAsync(Token));

    /// <summary>A confirmed booking of the producer on the day, on the first free stall of its venue.</summary>
    public static Task<int> BookAsync(MarketplaceFactory site, int fairDayId, int producerId) =>
        site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.SingleAsync(d => d.Id == fairDayId, Token);
            var held = await db.Bookings.Where(b => b.FairDayId == fairDayId && b.StallId != null)
                .Select(b => b.StallId!.Value).ToListAsync(Token);
            var stall = await db.Stalls.Where(s => s.VenueId == day.VenueId && !held.Contains(s.Id))
                .OrderBy(s => s.Code).FirstAsync(Token);
            var booking = Booking.Confirm(fairDayId, producerId, stall.Id, DateTime.UtcNow);
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Token);
            return booking.Id;
        });

    /// <summary>A staff account (demo password and authenticator key) member of the municipality with the given code.</summary>
    public static async Task<string> CreateStaffAsync(MarketplaceFactory site, string municipalityCode)
    {
        var email = $"personal.{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = "es" };
        Assert.True((await users.CreateAsync(user, MarketplaceFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        await TwoFactorAccounts.EnableAsync(scope.ServiceProvider, user);
        var municipalityId = await db.Municipalities.Where(m => m.Code == municipalityCode).Select(m => m.Id).SingleAsync(Token);
        db.StaffMemberships.Add(new Domain.Staff.StaffMembership { UserId = user.Id, MunicipalityId = municipalityId });
        await db.SaveChangesAsync(Token);
        return email;
    }

    public static void AssertDenied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            || (response.StatusCode == HttpStatusCode.Redirect
                && Target(response).StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal)),
            $"expected denied, got {(int)response.StatusCode} {response.Headers.Location}");
}
