using System.Globalization;
using System.Net;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs.Imports;
using Marketplace.Domain.Mail;
using Marketplace.Domain.Notices;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Staff;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.Operations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Authorization;

/// <summary>
/// The site of the authorization matrix: Huancavelica's data every token of
/// <see cref="ProtectedRoutes"/> names, made once, and one signed-in client per role.
/// </summary>
public sealed class MatrixSite : MarketplaceFactory
{
    public const string Anonymous = "anonymous";
    public const string Producer = "producer@demo.local";
    public const string Admin = "admin@demo.local";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, HttpClient> _clients = [];
    private Dictionary<string, string>? _tokens;

    /// <summary>The route's path with its tokens replaced by the ids of Huancavelica's data.</summary>
    public async Task<string> ResolveAsync(string path)
    {
        var tokens = await TokensAsync();
        foreach (var (name, value) in tokens)
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("{", path);
        return path;
    }

    public async Task<HttpClient> ClientAsync(string role)
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_clients.TryGetValue(role, out var client))
            {
                client = role == Anonymous ? CreateBrowserClient() : await SignedInAsync(this, role);
                _clients[role] = client;
            }
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, string>> TokensAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _tokens ??= await CreateSceneAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, string>> CreateSceneAsync()
    {
        var token = TestContext.Current.CancellationToken;
        var producer = await CreateProducerAsync(this, Huancavelica, withAccount: false);
        var booked = await CreateProducerAsync(this, Huancavelica);
        var fairDay = await OperationsScene.CreateDayAsync(this);
        var booking = await OperationsScene.BookAsync(this, fairDay, booked.Id);
        var series = await CreateApprovalSeriesAsync(this, Huancavelica);
        var municipality = await MunicipalityIdAsync(this, Huancavelica);
        var staffUser = await CreateStaffUserAsync(municipality);
        var ids = await WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var notice = new PhoneNotice { ProducerId = producer.Id, MunicipalityId = municipality, Subject = "Aviso", Text = "Aviso", CreatedAtUtc = now };
            var application = new SeriesMembership { FairSeriesId = series.Id, ProducerId = producer.Id, Status = SeriesMembershipStatus.Applied, AppliedAtUtc = now };
            // Approving decides an application for good; declining with no reason never does.
            var toApprove = new SeriesMembership { FairSeriesId = series.Id, ProducerId = booked.Id, Status = SeriesMembershipStatus.Applied, AppliedAtUtc = now };
            var certification = new Certification
            {
                ProducerId = producer.Id, Kind = CertificationKind.ParticipatoryGuarantee, GroupName = "SGP Yauli",
                ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2030, 1, 1), Status = CertificationStatus.Pending, CreatedAtUtc = now,
            };
            var import = new FairDayImport
            {
                MunicipalityId = municipality, UserId = staffUser, FileName = "matriz.csv", Content = "series,date",
                Status = FairDayImportStatus.Rejected, CreatedAtUtc = now, FinishedAtUtc = now,
            };
            var outbox = OutboxMessage.Create("fallo@example.org", null, "Fallo", "Fallo", null, "es", "test", "example.org", now);
            outbox.Status = OutboxStatus.Failed;
            db.AddRange(notice, application, toApprove, certification, import, outbox);
            await db.SaveChangesAsync(token);
            return (Notice: notice.Id, Application: application.Id, ToApprove: toApprove.Id, Certification: certification.Id, Import: import.Id, Outbox: outbox.Id);
        });
        var place = await WithDbAsync(db => db.Bookings.Where(b => b.Id == booking)
            .Select(b => new { b.FairDay!.VenueId, StallId = b.StallId!.Value, b.FairDay.FairSeriesId }).SingleAsync(token));
        string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["producer"] = Text(producer.Id),
            ["fairDay"] = Text(fairDay),
            ["booking"] = Text(booking),
            ["phoneNotice"] = Text(ids.Notice),
            ["application"] = Text(ids.Application),
            ["applicationToApprove"] = Text(ids.ToApprove),
            ["certification"] = Text(ids.Certification),
            ["import"] = Text(ids.Import),
            ["municipality"] = Text(municipality),
            ["outboxMessage"] = ids.Outbox.ToString(),
            ["staffUser"] = WebUtility.UrlEncode(staffUser),
            ["venue"] = Text(place.VenueId),
            ["heldStall"] = Text(place.StallId),
            ["series"] = Text(place.FairSeriesId),
        };
    }

    /// <summary>A staff member of Huancavelica for the "remove membership" handler to remove.</summary>
    private async Task<string> CreateStaffUserAsync(int municipalityId)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"personal.{Guid.NewGuid().ToString("N")[..8]}@example.org";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>();
        db.StaffMemberships.Add(new StaffMembership { UserId = user.Id, MunicipalityId = municipalityId });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user.Id;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        _gate.Dispose();
        await base.DisposeAsync();
    }
}
