using System.Net;
using Marketplace.Domain.Audit;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Operations;

/// <summary>Administrators manage municipalities, staff memberships and read the audit trail, through the real forms.</summary>
[Collection(OperationsCollection.Name)]
public class AdminTests(MarketplaceFactory site)
{
    private const string Admin = "admin@demo.local";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_municipality_is_created_only_with_an_iana_time_zone_and_a_real_currency()
    {
        var admin = await SignedInAsync(site, Admin);
        var region = await site.WithDbAsync(db => db.Regions.Where(r => r.Code == "parana")
            .Select(r => new { r.Id, Corridor = r.Corridors.Select(c => c.Id).First() }).SingleAsync(Token));
        var otherCorridor = await site.WithDbAsync(db => db.Corridors.Where(c => c.RegionId != region.Id).Select(c => c.Id).FirstAsync(Token));
        var code = $"BR-T{Guid.NewGuid().ToString("N")[..6]}";
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Cambé",
            ["Input.Code"] = code,
            ["Input.TimeZoneId"] = "Brasilia Standard Time",
            ["Input.CurrencyCode"] = "XYZ",
            ["Input.RegionId"] = region.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CorridorId"] = otherCorridor.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Latitude"] = "-23,27",
            ["Input.Longitude"] = "-51.28",
        };

        var refused = await Forms.PostAsync(admin, "/Admin/Municipalities/Edit", fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Token);
        Assert.Contains("id=\"Input.TimeZoneId-error\" class=\"field-error\">" , html);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "aria-invalid=\"true\""));
        Assert.False(await site.WithDbAsync(db => db.Municipalities.AnyAsync(m => m.Code == code, Token)));

        fields["Input.TimeZoneId"] = "America/Sao_Paulo";
        fields["Input.CurrencyCode"] = "brl";
        fields["Input.CorridorId"] = region.Corridor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await Forms.PostAsync(admin, "/Admin/Municipalities/Edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var saved = await site.WithDbAsync(db => db.Municipalities.AsNoTracking().SingleAsync(m => m.Code == code, Token));
        Assert.Equal(("America/Sao_Paulo", "BRL", -23.27, region.Corridor), (saved.TimeZoneId, saved.CurrencyCode, saved.Latitude, saved.CorridorId));
        Assert.Contains(code, await admin.GetStringAsync("/Admin/Municipalities", Token));

        fields["Input.Name"] = "Cambé (PR)";
        var edited = await Forms.PostAsync(admin, $"/Admin/Municipalities/Edit/{saved.Id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Cambé (PR)", await site.WithDbAsync(db => db.Municipalities.Where(m => m.Id == saved.Id).Select(m => m.Name).SingleAsync(Token)));
        fields["Input.Code"] = Huancavelica;
        var duplicate = await Forms.PostAsync(admin, $"/Admin/Municipalities/Edit/{saved.Id}", fields);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Municipalities/Edit/987654", Token)).StatusCode);
    }

    [Fact]
    public async Task Adding_a_membership_makes_the_account_staff_and_removing_the_last_one_takes_the_role_away()
    {
        var producer = await CreateProducerAsync(site, Parana);
        var admin = await SignedInAsync(site, Admin);
        var municipality = await MunicipalityIdAsync(site, Parana);

        var unknown = await Forms.PostAsync(admin, "/Admin/Staff", new Dictionary<string, string>
        {
            ["Email"] = "nadie@example.org", ["MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "/Admin/Staff?handler=Add");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Email-error", await unknown.Content.ReadAsStringAsync(Token));

        var added = await Forms.PostAsync(admin, "/Admin/Staff", new Dictionary<string, string>
        {
            ["Email"] = producer.Email, ["MunicipalityId"] = municipality.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "/Admin/Staff?handler=Add");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await InRoleAsync(producer.Email, Roles.Staff));
        // New staff set up two-factor sign-in before the area opens to them.
        var withoutTwoFactor = await (await SignedInAsync(site, producer.Email)).GetAsync("/Staff/Operations", Token);
        Assert.Equal(Marketplace.Web.Hosting.TwoFactorRequirement.EnrolmentPath, withoutTwoFactor.Headers.Location?.OriginalString);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await TwoFactorAccounts.EnableAsync(scope.ServiceProvider, (await users.FindByEmailAsync(producer.Email))!);
        }
        var asStaff = await SignedInAsync(site, producer.Email);
        Assert.Equal(HttpStatusCode.OK, (await asStaff.GetAsync("/Staff/Operations", Token)).StatusCode);

        var removed = await Forms.PostAsync(admin, "/Admin/Staff", new Dictionary<string, string>(),
            $"/Admin/Staff?handler=Remove&userId={producer.UserId}&municipalityId={municipality}");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await InRoleAsync(producer.Email, Roles.Staff));
        Assert.False(await site.WithDbAsync(db => db.StaffMemberships.AnyAsync(m => m.UserId == producer.UserId, Token)));
        var again = await Forms.PostAsync(admin, "/Admin/Staff", new Dictionary<string, string>(),
            $"/Admin/Staff?handler=Remove&userId={producer.UserId}&municipalityId={municipality}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_audit_page_lists_staff_changes_filtered_by_entity_and_user()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var day = await Operations.OperationsScene.CreateDayAsync(site);
        var booking = await Operations.OperationsScene.BookAsync(site, day, producer.Id);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/FairDays/{day}/CheckIn";
        await Forms.PostAsync(staff, page, new Dictionary<string, string>(), $"{page}?handler=CheckIn&bookingId={booking}");
        var admin = await SignedInAsync(site, Admin);

        var bookings = await admin.GetStringAsync($"/Admin/Audit?entity=Booking&userName=staff@demo", Token);
        var venues = await admin.GetStringAsync("/Admin/Audit?entity=Venue&page=-3", Token);

        Assert.Contains($"Booking #{booking}", bookings);
        Assert.Contains("Status: Confirmed → CheckedIn", WebUtility.HtmlDecode(bookings));
        Assert.DoesNotContain($"Booking #{booking}", venues);
        var entry = await site.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Booking" && a.EntityId == booking.ToString(), Token));
        Assert.Equal(AuditAction.Modified, entry.Action);
        Assert.Equal(await UserIdAsync(site, HuancavelicaStaff), entry.UserId);
    }

    [Fact]
    public async Task Changes_made_outside_a_staff_request_are_not_audited()
    {
        var day = await Operations.OperationsScene.CreateDayAsync(site);

        var id = day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await site.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "FairDay" && a.EntityId == id, Token)));
    }

    private async Task<bool> InRoleAsync(string email, string role)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role);
    }
}
