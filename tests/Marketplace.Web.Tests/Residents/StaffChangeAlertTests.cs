using System.Net;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Subscriptions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.StaffCalendar.CalendarScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Residents;

/// <summary>A fair day cancelled on the staff page alerts the residents subscribed to its place, in the same transaction.</summary>
public class StaffChangeAlertTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_cancelling_a_fair_day_alerts_the_confirmed_subscribers_of_its_municipality_only()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var venue = await CreateVenueAsync(site, staff, Huancavelica);
        var series = await CreateSeriesAsync(site, staff, await WeeklySeriesFormAsync(site, Unique("Feria avisada"), venue));
        var day = (await DaysAsync(site, series))[0];
        var here = await MunicipalityIdAsync(site, Huancavelica);
        var there = await MunicipalityIdAsync(site, Parana);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await SubscribeAsync($"aqui.{tag}@example.org", here, confirmed: true);
        await SubscribeAsync($"sin-confirmar.{tag}@example.org", here, confirmed: false);
        await SubscribeAsync($"lejos.{tag}@example.org", there, confirmed: true);

        var response = await Forms.PostAsync(staff, "/Staff/Venues/Edit",
            new Dictionary<string, string> { ["CancelReason"] = "Lluvias fuertes" }, $"/Staff/FairDays/{day.Id}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var alerts = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == SubscriberAlerts.ChangeKind && m.ToAddress.Contains(tag)).ToListAsync(Token));
        var alert = Assert.Single(alerts);
        Assert.Equal($"aqui.{tag}@example.org", alert.ToAddress);
        Assert.Contains("Lluvias fuertes", alert.TextBody);
        Assert.Contains($"/Fairs/{day.Id}", alert.TextBody);
        Assert.Contains("/Subscribe/Unsubscribe?token=", alert.ListUnsubscribe);
    }

    private async Task SubscribeAsync(string email, int municipalityId, bool confirmed)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var token = scope.ServiceProvider.GetRequiredService<SubscriptionTokens>().Issue();
        var subscription = new Subscription
        {
            Email = email, Culture = "es", TokenHash = token.Hash, TokenCipher = token.Cipher, CreatedAtUtc = DateTime.UtcNow,
        };
        subscription.PlaceAt(SubscriptionPlace.InMunicipality(municipalityId));
        if (confirmed)
        {
            subscription.Confirm(DateTime.UtcNow);
        }
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(Token);
    }
}
