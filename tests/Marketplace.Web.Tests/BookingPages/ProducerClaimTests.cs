using System.Globalization;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.BookingPages.BookingPagesSite;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>
/// The sign-in cookie names the account's producer, so a booking post needs no lookup; the
/// booking still checks the producer row, and an account without the claim is looked up.
/// </summary>
public class ProducerClaimTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> AnyStall(int dayId) => new()
    {
        ["day"] = dayId.ToString(CultureInfo.InvariantCulture),
        ["stall"] = "",
        ["series"] = "false",
    };

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task The_principal_of_a_producer_account_names_its_producer_and_one_without_a_profile_names_none()
    {
        var producer = await NewProducerAsync(site);
        var newcomer = await NewProducerAsync(site, withProfile: false);

        var withProfile = await PrincipalOfAsync(producer.Email);
        var without = await PrincipalOfAsync(newcomer.Email);

        Assert.Equal(producer.Id.ToString(CultureInfo.InvariantCulture), withProfile.FindFirst(ProducerAccounts.ProducerIdClaim)?.Value);
        Assert.True(withProfile.IsInRole(Marketplace.Infrastructure.Identity.Roles.Producer));
        Assert.Null(without.FindFirst(ProducerAccounts.ProducerIdClaim));
    }

    [Fact]
    public async Task An_account_that_saved_its_profile_after_signing_in_books_on_the_cookie_it_has()
    {
        var newcomer = await NewProducerAsync(site, withProfile: false);
        var client = await SignInAsync(site, newcomer);
        // The profile is saved after sign-in: the cookie has no producer id, so the post looks it up.
        var producerId = await site.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == newcomer.Email, Token);
            var producer = new Producer
            {
                DisplayName = "Comunidad recién llegada",
                OrganizationType = OrganizationType.Family,
                MunicipalityId = await db.Municipalities.Where(m => m.Code == "PE-0901").Select(m => m.Id).SingleAsync(Token),
                UserId = user.Id,
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Producers.Add(producer);
            await db.SaveChangesAsync(Token);
            return producer.Id;
        });
        var day = await BookableDayAsync(site);

        var posted = await Forms.PostAsync(client, $"/Producer/Bookings/Confirm?day={day.Id}", AnyStall(day.Id));
        var (path, html) = await FollowAsync(client, posted);

        var booking = await site.WithDbAsync(db => db.Bookings.SingleAsync(b => b.ProducerId == producerId, Token));
        Assert.Equal($"/Producer/Bookings/{booking.Id}?booked=1", path);
        Assert.Contains("Reserva confirmada: puesto", html);
    }

    [Fact]
    public async Task A_producer_erased_after_signing_in_is_refused_even_with_the_cookie_it_kept()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var day = await BookableDayAsync(site);
        // Erased as AccountEraser leaves the row: unlinked and marked deleted. The cookie still
        // names the producer (its security stamp is checked only every half hour).
        await site.WithDbAsync(async db =>
        {
            var row = await db.Producers.SingleAsync(p => p.Id == producer.Id, Token);
            row.UserId = null;
            row.DeletedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(Token);
        });

        var posted = await Forms.PostAsync(client, $"/Producer/Bookings/Confirm?day={day.Id}", AnyStall(day.Id));
        var (path, html) = await FollowAsync(client, posted);

        Assert.Equal($"/Producer/Bookings/New?day={day.Id}", path);
        Assert.Contains("Su perfil de productor no está disponible.", html);
        Assert.False(await site.WithDbAsync(db => db.Bookings.AnyAsync(b => b.ProducerId == producer.Id, Token)));
    }
}
