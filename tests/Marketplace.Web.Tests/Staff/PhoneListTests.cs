using System.Net;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Staff;

/// <summary>
/// What would be e-mailed to a producer without e-mail lands on its municipality's "to tell by
/// phone" list; staff of that municipality tick it off, nobody else sees or touches it.
/// </summary>
public class PhoneListTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_for_an_assisted_producer_is_listed_for_its_municipality_and_ticked_off_there()
    {
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var series = $"Feria de prueba {Guid.NewGuid():N}"[..24];
        var noticeId = await NotifyAsync(producer.Id, series);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var parana = await SignedInAsync(site, ParanaStaff);

        var list = await staff.GetStringAsync("/Staff/PhoneList", Token);
        var otherList = await parana.GetStringAsync("/Staff/PhoneList", Token);

        Assert.Contains(series, list);
        Assert.Contains(producer.DisplayName, list);
        Assert.Contains("+51 964 123 456", WebUtility.HtmlDecode(list));
        Assert.DoesNotContain(series, otherList);

        var refused = await Forms.PostAsync(parana, "/Staff/PhoneList", new Dictionary<string, string>(),
            $"/Staff/PhoneList?handler=Done&id={noticeId}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null(await site.WithDbAsync(db => db.PhoneNotices.Where(n => n.Id == noticeId).Select(n => n.DoneAtUtc).SingleAsync(Token)));

        var done = await Forms.PostAsync(staff, "/Staff/PhoneList", new Dictionary<string, string>(),
            $"/Staff/PhoneList?handler=Done&id={noticeId}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/Staff/PhoneList", Target(done));
        var notice = await site.WithDbAsync(db => db.PhoneNotices.AsNoTracking().SingleAsync(n => n.Id == noticeId, Token));
        Assert.NotNull(notice.DoneAtUtc);
        Assert.Equal(await UserIdAsync(site, HuancavelicaStaff), notice.DoneByUserId);
        var after = await staff.GetStringAsync("/Staff/PhoneList", Token);
        Assert.DoesNotContain($"id={noticeId}\"", after);
        Assert.Contains("role=\"status\"", after);
    }

    [Fact]
    public async Task The_newest_notice_comes_first()
    {
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var older = $"Primero {Guid.NewGuid():N}"[..20];
        var newer = $"Segundo {Guid.NewGuid():N}"[..20];
        await NotifyAsync(producer.Id, older);
        await NotifyAsync(producer.Id, newer);
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var list = await staff.GetStringAsync("/Staff/PhoneList", Token);

        Assert.True(list.IndexOf(newer, StringComparison.Ordinal) < list.IndexOf(older, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ticking_off_an_unknown_notice_is_not_found()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var response = await Forms.PostAsync(staff, "/Staff/PhoneList", new Dictionary<string, string>(),
            "/Staff/PhoneList?handler=Done&id=987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Tells the producer that an application was approved, through the real messenger.</summary>
    private async Task<int> NotifyAsync(int producerId, string seriesName)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var messenger = scope.ServiceProvider.GetRequiredService<ProducerMessenger>();
        var producer = await db.Producers.SingleAsync(p => p.Id == producerId, Token);
        var emailed = await messenger.NotifyAsync(producer, "application-approved", "ApplicationApproved",
            "http://localhost/Producer/Series", seriesName);
        Assert.False(emailed);
        await db.SaveChangesAsync(Token);
        return await db.PhoneNotices.Where(n => n.ProducerId == producerId).OrderByDescending(n => n.Id)
            .Select(n => n.Id).FirstAsync(Token);
    }
}
