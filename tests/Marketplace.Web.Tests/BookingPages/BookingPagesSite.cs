using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>
/// What the booking page tests share: fresh producer accounts (so the demo data stays as seeded),
/// signing them in through the real form, following redirects, and finding bookable fair days.
/// </summary>
public static class BookingPagesSite
{
    public const string Password = "Papa-Amarilla-2026";

    public sealed record TestProducer(string Email, int Id, string Name);

    /// <summary>A confirmed account in the Producer role with its producer profile row.</summary>
    public static async Task<TestProducer> NewProducerAsync(MarketplaceFactory site, bool withProfile = true,
        string municipalityCode = "PE-0901")
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"productor.{tag}@example.org";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = "es" };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, Roles.Producer));
        if (!withProfile)
        {
            return new TestProducer(email, 0, "");
        }
        var municipality = await db.Municipalities.SingleAsync(m => m.Code == municipalityCode);
        var producer = new Producer
        {
            DisplayName = $"Asociación de prueba {tag}",
            OrganizationType = OrganizationType.Association,
            MunicipalityId = municipality.Id,
            UserId = user.Id,
            CreatedAtUtc = DateTime.UtcNow,
        };
        db.Producers.Add(producer);
        await db.SaveChangesAsync();
        return new TestProducer(email, producer.Id, producer.DisplayName);
    }

    public static async Task<HttpClient> SignInAsync(MarketplaceFactory site, TestProducer producer)
    {
        var client = site.CreateBrowserClient();
        // A Spanish-speaking browser: without it a fair day in Paraná is shown in its region's Portuguese.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-PE");
        var response = await Forms.SignInAsync(client, producer.Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Follows a redirect as a browser would and returns the page it leads to.</summary>
    public static async Task<(string Path, string Html)> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        var next = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        return (path, await next.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The soonest scheduled fair day whose booking window is open now, with at least
    /// <paramref name="freeStalls"/> free stalls and, if asked, still cancellable for a while.
    /// </summary>
    public static Task<FairDay> BookableDayAsync(MarketplaceFactory site, int freeStalls = 1, bool cancellable = false,
        int skip = 0, string? currency = null) =>
        site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var days = await db.FairDays.AsNoTracking()
                .Include(d => d.FairSeries).ThenInclude(s => s!.OrganizerMunicipality)
                .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
                .Where(d => d.Status == FairDayStatus.Scheduled && d.BookingOpensAtUtc <= now && d.BookingClosesAtUtc > now.AddHours(1))
                .Where(d => currency == null || d.FairSeries!.OrganizerMunicipality!.CurrencyCode == currency)
                .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
                .ToListAsync();
            var found = new List<FairDay>();
            foreach (var day in days)
            {
                if (cancellable && day.StartsAtUtc.AddHours(-day.FairSeries!.CancellationDeadlineHours) < now.AddHours(2))
                {
                    continue;
                }
                if (await FreeStallIdsAsync(db, day) is { } free && free.Count >= freeStalls)
                {
                    found.Add(day);
                }
            }
            return found.Skip(skip).First();
        });

    public static async Task<List<int>> FreeStallIdsAsync(MarketplaceDbContext db, FairDay day)
    {
        var held = await db.Bookings
            .Where(b => b.FairDayId == day.Id && b.StallId != null && Booking.HoldingStatuses.Contains(b.Status))
            .Select(b => b.StallId!.Value)
            .ToListAsync();
        return (await db.Stalls.Where(s => s.VenueId == day.VenueId && !s.IsRetired).ToListAsync())
            .Where(s => !held.Contains(s.Id))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => s.Id)
            .ToList();
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
