using System.Globalization;
using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Staff;

/// <summary>A producer made for one test, so that demo data is never changed destructively.</summary>
public sealed record TestProducer(int Id, string? UserId, string Email, string DisplayName, int MunicipalityId);

/// <summary>Accounts, producers and series the staff and privacy tests start from.</summary>
public static class StaffScenario
{
    public const string Huancavelica = "PE-0901";
    public const string Parana = "BR-4113700";
    public const string HuancavelicaStaff = "staff@demo.local";
    public const string ParanaStaff = "staff.parana@demo.local";

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static int _pastDays;

    public static async Task<HttpClient> SignedInAsync(MarketplaceFactory site, string email,
        string password = MarketplaceFactory.DemoPassword)
    {
        var client = site.CreateBrowserClient();
        var signIn = await Forms.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // Producers land in their own area, everyone else on the home page.
        Assert.Contains(Target(signIn), new[] { "/", "/Producer" });
        return client;
    }

    /// <summary>Where a redirect points, as path and query (the location may be absolute or relative).</summary>
    public static string Target(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static Task<int> MunicipalityIdAsync(MarketplaceFactory site, string code) =>
        site.WithDbAsync(db => db.Municipalities.Where(m => m.Code == code).Select(m => m.Id).SingleAsync(Token));

    public static Task<string> UserIdAsync(MarketplaceFactory site, string email) =>
        site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Token));

    /// <summary>
    /// A producer of <paramref name="municipalityCode"/>: with a confirmed account (role Producer,
    /// the demo password), or assisted, without any account.
    /// </summary>
    public static async Task<TestProducer> CreateProducerAsync(MarketplaceFactory site, string municipalityCode,
        bool withAccount = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"productor.{tag}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>();
        string? userId = null;
        if (withAccount)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = "es" };
            Assert.True((await users.CreateAsync(user, MarketplaceFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Producer)).Succeeded);
            userId = user.Id;
        }
        var municipalityId = await db.Municipalities.Where(m => m.Code == municipalityCode).Select(m => m.Id)
            .SingleAsync(Token);
        var producer = new Producer
        {
            DisplayName = $"Productores de prueba {tag}",
            OrganizationType = OrganizationType.Association,
            MunicipalityId = municipalityId,
            Community = $"Comunidad {tag}",
            Phone = "+51 964 123 456",
            NationalId = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            UserId = userId,
            IsAssisted = !withAccount,
            CreatedAtUtc = DateTime.UtcNow,
        };
        db.Producers.Add(producer);
        await db.SaveChangesAsync(Token);
        return new TestProducer(producer.Id, userId, email, producer.DisplayName, municipalityId);
    }

    /// <summary>An active weekly series of <paramref name="organizerCode"/> whose producers need approval.</summary>
    public static Task<(int Id, string Name)> CreateApprovalSeriesAsync(MarketplaceFactory site, string organizerCode) =>
        site.WithDbAsync(async db =>
        {
            var organizer = await db.Municipalities.SingleAsync(m => m.Code == organizerCode, Token);
            var venue = await db.Venues.Where(v => v.MunicipalityId == organizer.Id).OrderBy(v => v.Id).FirstAsync(Token);
            var series = new FairSeries
            {
                Name = $"Feria con aprobación {Guid.NewGuid().ToString("N")[..8]}",
                OrganizerMunicipalityId = organizer.Id,
                RecurrenceRule = "FREQ=WEEKLY;BYDAY=WE",
                StartsOn = DateOnly.FromDateTime(DateTime.UtcNow),
                StartTime = new TimeOnly(8, 0),
                EndTime = new TimeOnly(13, 0),
                RequiresApproval = true,
                Route = [new FairSeriesStop { Position = 0, VenueId = venue.Id }],
            };
            db.FairSeries.Add(series);
            await db.SaveChangesAsync(Token);
            return (series.Id, series.Name);
        });

    /// <summary>A confirmed booking of <paramref name="producerId"/> on a fair day held in 2020.</summary>
    public static Task<int> BookPastDayAsync(MarketplaceFactory site, int producerId) =>
        site.WithDbAsync(async db =>
        {
            var series = await db.FairSeries.Include(s => s.Route).ThenInclude(r => r.Venue).ThenInclude(v => v!.Stalls)
                .Where(s => s.Name == "Mercado Dominical de Huancavelica").SingleAsync(Token);
            var venue = series.Route[0].Venue!;
            var date = new DateOnly(2020, 1, 5).AddDays(7 * Interlocked.Increment(ref _pastDays));
            var startsAt = date.ToDateTime(new TimeOnly(13, 0), DateTimeKind.Utc);
            var day = new FairDay
            {
                FairSeriesId = series.Id,
                OccurrenceDate = date,
                Date = date,
                StartTime = new TimeOnly(8, 0),
                EndTime = new TimeOnly(13, 0),
                VenueId = venue.Id,
                Status = FairDayStatus.Scheduled,
                StartsAtUtc = startsAt,
                EndsAtUtc = startsAt.AddHours(5),
                BookingOpensAtUtc = startsAt.AddDays(-30),
                BookingClosesAtUtc = startsAt.AddHours(-12),
            };
            db.FairDays.Add(day);
            await db.SaveChangesAsync(Token);
            var booking = Booking.Confirm(day.Id, producerId, venue.Stalls.OrderBy(s => s.Code).First().Id,
                startsAt.AddDays(-10));
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Token);
            return booking.Id;
        });

    /// <summary>A confirmed booking of <paramref name="producerId"/> on a coming fair day, on a free stall.</summary>
    public static Task<int> BookFutureDayAsync(MarketplaceFactory site, int producerId) =>
        site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var day = await db.FairDays
                .Where(d => d.FairSeries!.Name == "Mercado Dominical de Huancavelica"
                    && d.Status == FairDayStatus.Scheduled && d.StartsAtUtc > now.AddDays(2))
                .OrderBy(d => d.StartsAtUtc)
                .FirstAsync(Token);
            var held = await db.Bookings.Where(b => b.FairDayId == day.Id && b.StallId != null)
                .Select(b => b.StallId!.Value).ToListAsync(Token);
            var stall = await db.Stalls.Where(s => s.VenueId == day.VenueId && !s.IsRetired && !held.Contains(s.Id))
                .OrderByDescending(s => s.Code).FirstAsync(Token);
            var booking = Booking.Confirm(day.Id, producerId, stall.Id, now);
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Token);
            return booking.Id;
        });
}
