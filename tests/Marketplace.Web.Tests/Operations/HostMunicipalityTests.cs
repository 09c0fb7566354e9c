using System.Net;
using Marketplace.Domain.Staff;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Operations.OperationsScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Operations;

/// <summary>
/// A day of Huancavelica's itinerant fair held at Acobamba's plaza: Acobamba's staff see its
/// check-in list read-only (PRODUCT.md), the organizer's staff run it.
/// </summary>
[Collection(OperationsCollection.Name)]
public class HostMunicipalityTests(MarketplaceFactory site)
{
    private const string Acobamba = "PE-0902";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_host_municipality_sees_the_list_read_only_and_cannot_change_it()
    {
        var venue = await site.WithDbAsync(db => db.Venues.Where(v => v.Name == "Plaza Principal de Acobamba").Select(v => v.Id).SingleAsync(Token));
        var day = await CreateDayAsync(site, ItinerantFair, venueId: venue);
        var producer = await CreateProducerAsync(site, Acobamba);
        var booking = await BookAsync(site, day, producer.Id);
        var hostEmail = await CreateStaffAsync(Acobamba);
        var host = await SignedInAsync(site, hostEmail);
        var page = $"/Staff/FairDays/{day}/CheckIn";

        var list = await host.GetStringAsync(page, Token);
        var refused = await Forms.PostAsync(host, page, new Dictionary<string, string>(), $"{page}?handler=CheckIn&bookingId={booking}");
        var message = await host.GetStringAsync($"/Staff/FairDays/{day}/Message", Token);

        Assert.Contains(producer.DisplayName, list);
        Assert.DoesNotContain("handler=CheckIn", list);
        Assert.DoesNotContain("<textarea", message);
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
            || (refused.StatusCode == HttpStatusCode.Redirect && Target(refused).StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal)));
        Assert.Equal(Marketplace.Domain.Bookings.BookingStatus.Confirmed,
            await site.WithDbAsync(db => db.Bookings.Where(b => b.Id == booking).Select(b => b.Status).SingleAsync(Token)));

        var organizer = await SignedInAsync(site, HuancavelicaStaff);
        Assert.Contains("handler=CheckIn", await organizer.GetStringAsync(page, Token));
    }

    private async Task<string> CreateStaffAsync(string municipalityCode)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>();
        var email = $"acobamba.{Guid.NewGuid().ToString("N")[..8]}@example.org";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, MarketplaceFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        await TwoFactorAccounts.EnableAsync(scope.ServiceProvider, user);
        var municipality = await db.Municipalities.Where(m => m.Code == municipalityCode).Select(m => m.Id).SingleAsync(Token);
        db.StaffMemberships.Add(new StaffMembership { UserId = user.Id, MunicipalityId = municipality });
        await db.SaveChangesAsync(Token);
        return email;
    }
}
