using System.Net;
using Marketplace.Domain.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Staff;

/// <summary>
/// A producer applies to a series that requires approval; the organizing municipality's staff
/// approve, or decline with a reason, and the producer is told either way.
/// </summary>
public class SeriesApplicationTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_producer_applies_once_however_often_it_clicks_and_staff_approval_is_e_mailed()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);

        var page = await client.GetStringAsync("/Producer/Series", Token);
        Assert.Contains(series.Name, page);
        var first = await ApplyAsync(client, series.Id);
        var second = await ApplyAsync(client, series.Id);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var memberships = await MembershipsAsync(series.Id, producer.Id);
        var membership = Assert.Single(memberships);
        Assert.Equal(SeriesMembershipStatus.Applied, membership.Status);

        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var applications = await staff.GetStringAsync("/Staff/Applications", Token);
        Assert.Contains(producer.DisplayName, applications);
        var approve = await Forms.PostAsync(staff, "/Staff/Applications", new Dictionary<string, string>(),
            $"/Staff/Applications?handler=Approve&id={membership.Id}");

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        membership = Assert.Single(await MembershipsAsync(series.Id, producer.Id));
        Assert.Equal(SeriesMembershipStatus.Approved, membership.Status);
        Assert.NotNull(membership.DecidedAtUtc);
        var mail = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.ToAddress == producer.Email && m.Kind == "application-approved", Token));
        Assert.Contains(series.Name, mail.Subject);
        Assert.Contains("/Producer/Series", mail.TextBody);

        var mine = await client.GetStringAsync("/Producer/Series?culture=en", Token);
        Assert.Contains("Approved", mine);
        Assert.DoesNotContain(producer.DisplayName, await staff.GetStringAsync("/Staff/Applications", Token));

        // Deciding again changes nothing and tells nobody twice.
        await Forms.PostAsync(staff, "/Staff/Applications", new Dictionary<string, string>(),
            $"/Staff/Applications?handler=Approve&id={membership.Id}");
        Assert.Equal(1, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(
            m => m.ToAddress == producer.Email && m.Kind == "application-approved", Token)));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_the_producer_is_told_it()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);
        await ApplyAsync(client, series.Id);
        var id = Assert.Single(await MembershipsAsync(series.Id, producer.Id)).Id;
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var refused = await Forms.PostAsync(staff, "/Staff/Applications", new Dictionary<string, string> { ["Reason"] = "  " },
            $"/Staff/Applications?handler=Decline&id={id}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(Token);
        Assert.Matches($"id=\"reason-{id}-error\"[^>]*>[^<]+<", body);
        Assert.Contains($"id=\"reason-{id}\"", body);
        Assert.Equal(SeriesMembershipStatus.Applied, Assert.Single(await MembershipsAsync(series.Id, producer.Id)).Status);

        const string reason = "Falta el certificado sanitario del local de acopio.";
        var declined = await Forms.PostAsync(staff, "/Staff/Applications", new Dictionary<string, string> { ["Reason"] = reason },
            $"/Staff/Applications?handler=Decline&id={id}");

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var membership = Assert.Single(await MembershipsAsync(series.Id, producer.Id));
        Assert.Equal(SeriesMembershipStatus.Declined, membership.Status);
        Assert.Equal(reason, membership.DecisionReason);
        var mail = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.ToAddress == producer.Email && m.Kind == "application-declined", Token));
        Assert.Contains(reason, mail.TextBody);
        Assert.Contains(reason, await client.GetStringAsync("/Producer/Series", Token));

        // After a decline the producer may apply again.
        await ApplyAsync(client, series.Id);
        membership = Assert.Single(await MembershipsAsync(series.Id, producer.Id));
        Assert.Equal(SeriesMembershipStatus.Applied, membership.Status);
        Assert.Null(membership.DecisionReason);
    }

    [Fact]
    public async Task Staff_of_another_municipality_neither_see_nor_decide_the_application()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var producer = await CreateProducerAsync(site, Huancavelica);
        await ApplyAsync(await SignedInAsync(site, producer.Email), series.Id);
        var id = Assert.Single(await MembershipsAsync(series.Id, producer.Id)).Id;
        var parana = await SignedInAsync(site, ParanaStaff);

        var list = await parana.GetStringAsync("/Staff/Applications", Token);
        var approve = await Forms.PostAsync(parana, "/Staff/Applications", new Dictionary<string, string>(),
            $"/Staff/Applications?handler=Approve&id={id}");
        var decline = await Forms.PostAsync(parana, "/Staff/Applications", new Dictionary<string, string> { ["Reason"] = "No" },
            $"/Staff/Applications?handler=Decline&id={id}");

        Assert.DoesNotContain(producer.DisplayName, list);
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
        Assert.Equal(SeriesMembershipStatus.Applied, Assert.Single(await MembershipsAsync(series.Id, producer.Id)).Status);
    }

    [Fact]
    public async Task An_assisted_producer_is_told_the_decision_through_the_phone_list()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var id = await site.WithDbAsync(async db =>
        {
            var membership = new SeriesMembership
            {
                FairSeriesId = series.Id,
                ProducerId = producer.Id,
                Status = SeriesMembershipStatus.Applied,
                AppliedAtUtc = DateTime.UtcNow,
            };
            db.SeriesMemberships.Add(membership);
            await db.SaveChangesAsync(Token);
            return membership.Id;
        });
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        await Forms.PostAsync(staff, "/Staff/Applications", new Dictionary<string, string>(),
            $"/Staff/Applications?handler=Approve&id={id}");

        var notice = await site.WithDbAsync(db => db.PhoneNotices.AsNoTracking().SingleAsync(n => n.ProducerId == producer.Id, Token));
        Assert.Contains(series.Name, notice.Subject);
        Assert.Contains(series.Name, await staff.GetStringAsync("/Staff/PhoneList", Token));
    }

    [Fact]
    public async Task A_series_of_another_region_cannot_be_applied_to()
    {
        var series = await CreateApprovalSeriesAsync(site, Parana);
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);

        Assert.DoesNotContain(series.Name, await client.GetStringAsync("/Producer/Series", Token));
        var response = await ApplyAsync(client, series.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await MembershipsAsync(series.Id, producer.Id));
    }

    [Fact]
    public async Task The_producers_own_page_offers_to_apply_where_a_fair_needs_approval_and_to_book_once_approved()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var dayId = await site.WithDbAsync(async db =>
        {
            // A day soon, open for booking now: first among the days the producer's page offers.
            var venueId = await db.FairSeriesStops.Where(s => s.FairSeriesId == series.Id).Select(s => s.VenueId).FirstAsync(Token);
            var now = DateTime.UtcNow;
            var day = new Marketplace.Domain.Fairs.FairDay
            {
                FairSeriesId = series.Id, OccurrenceDate = DateOnly.FromDateTime(now), Date = DateOnly.FromDateTime(now),
                StartTime = new TimeOnly(8, 0), EndTime = new TimeOnly(13, 0), VenueId = venueId,
                Status = Marketplace.Domain.Fairs.FairDayStatus.Scheduled,
                StartsAtUtc = now.AddMinutes(90), EndsAtUtc = now.AddHours(6),
                BookingOpensAtUtc = now.AddDays(-1), BookingClosesAtUtc = now.AddMinutes(60),
            };
            db.FairDays.Add(day);
            await db.SaveChangesAsync(Token);
            return day.Id;
        });
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);

        var before = await client.GetStringAsync("/Producer", Token);
        Assert.Contains("href=\"/Producer/Series\"", before);
        Assert.DoesNotContain($"/Producer/Bookings/New?day={dayId}", before);
        Assert.Contains($"action=\"/Producer/Series?id={series.Id}&amp;handler=Apply\"", before);
        Assert.Contains($"aria-label=\"Solicitar participar en {series.Name}\"", before);

        // The dashboard's own form, as a tap on it sends it.
        var applied = await Forms.PostAsync(client, "/Producer", new Dictionary<string, string>(),
            $"/Producer/Series?id={series.Id}&handler=Apply");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var sent = await client.GetStringAsync("/Producer", Token);
        Assert.Contains("Solicitud enviada", sent);
        Assert.DoesNotContain($"/Producer/Bookings/New?day={dayId}", sent);

        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var id = Assert.Single(await MembershipsAsync(series.Id, producer.Id)).Id;
        await Forms.PostAsync(staff, "/Staff/Applications", new Dictionary<string, string>(),
            $"/Staff/Applications?handler=Approve&id={id}");

        Assert.Contains($"/Producer/Bookings/New?day={dayId}", await client.GetStringAsync("/Producer", Token));
    }


    [Fact]
    public async Task Staff_decide_on_one_screen_that_shows_the_certifications_and_moves_on_to_the_next_applicant()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var first = await CreateProducerAsync(site, Huancavelica);
        var second = await CreateProducerAsync(site, Huancavelica);
        await ApplyAsync(await SignedInAsync(site, first.Email), series.Id);
        await ApplyAsync(await SignedInAsync(site, second.Email), series.Id);
        var firstId = Assert.Single(await MembershipsAsync(series.Id, first.Id)).Id;
        var secondId = Assert.Single(await MembershipsAsync(series.Id, second.Id)).Id;
        var certificationId = await site.WithDbAsync(async db =>
        {
            var image = new Marketplace.Domain.Files.StoredFile
            {
                Id = Guid.NewGuid(), FileName = "certificado.jpg", ContentType = "image/jpeg", Length = 4,
                Content = [0xFF, 0xD8, 0xFF, 0xE0], OwnerProducerId = first.Id, CreatedAtUtc = DateTime.UtcNow,
            };
            db.StoredFiles.Add(image);
            var certification = new Marketplace.Domain.Certifications.Certification
            {
                ProducerId = first.Id, Kind = Marketplace.Domain.Certifications.CertificationKind.ThirdPartyOrganic,
                Certifier = "Control Union Perú", Code = "CU-PE-2026-0042",
                ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2027, 12, 31), DocumentFileId = image.Id,
                Status = Marketplace.Domain.Certifications.CertificationStatus.Pending, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Certifications.Add(certification);
            await db.SaveChangesAsync(Token);
            return certification.Id;
        });
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var queue = System.Text.RegularExpressions.Regex.Matches(await staff.GetStringAsync("/Staff/Applications", Token),
                "href=\"/Staff/Applications/(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Contains(firstId, queue);
        Assert.True(queue.IndexOf(firstId) < queue.IndexOf(secondId), "the queue is oldest first");
        var next = queue.First(i => i != firstId);
        var page = await staff.GetStringAsync($"/Staff/Applications/{firstId}", Token);
        Assert.Contains(first.DisplayName, page);
        Assert.Contains(series.Name, page);
        Assert.Contains($"<img src=\"/Staff/Certifications/{certificationId}/Document\"", page);
        Assert.Contains($"href=\"/Staff/Certifications/{certificationId}\"", page);
        Assert.Contains($"href=\"/Staff/Applications/{next}\" id=\"next\"", page);
        var document = await staff.GetAsync($"/Staff/Certifications/{certificationId}/Document", Token);
        Assert.Equal("image/jpeg", document.Content.Headers.ContentType?.MediaType);

        // The certification is decided on the same screen, which comes back to it.
        var noReason = await Forms.PostAsync(staff, $"/Staff/Applications/{firstId}",
            new Dictionary<string, string> { ["certification"] = certificationId.ToString(), ["CertificationReason"] = "" },
            $"/Staff/Applications/{firstId}/DeclineCertification");
        Assert.Contains($"id=\"reason-c-{certificationId}-error\"", await noReason.Content.ReadAsStringAsync(Token));
        var verified = await Forms.PostAsync(staff, $"/Staff/Applications/{firstId}",
            new Dictionary<string, string> { ["certification"] = certificationId.ToString() }, $"/Staff/Applications/{firstId}/Verify");
        Assert.Equal($"/Staff/Applications/{firstId}#c-{certificationId}", Target(verified));
        Assert.Equal(Marketplace.Domain.Certifications.CertificationStatus.Verified, await site.WithDbAsync(db =>
            db.Certifications.Where(c => c.Id == certificationId).Select(c => c.Status).SingleAsync(Token)));
        var otherCertification = await Forms.PostAsync(staff, $"/Staff/Applications/{secondId}",
            new Dictionary<string, string> { ["certification"] = certificationId.ToString() }, $"/Staff/Applications/{secondId}/Verify");
        Assert.Equal(HttpStatusCode.NotFound, otherCertification.StatusCode);

        var approved = await Forms.PostAsync(staff, $"/Staff/Applications/{firstId}", new Dictionary<string, string>(),
            $"/Staff/Applications/{firstId}/Approve");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal($"/Staff/Applications/{next}", Target(approved));
        Assert.Equal(SeriesMembershipStatus.Approved, Assert.Single(await MembershipsAsync(series.Id, first.Id)).Status);

        var empty = await Forms.PostAsync(staff, $"/Staff/Applications/{secondId}", new Dictionary<string, string> { ["Reason"] = " " },
            $"/Staff/Applications/{secondId}/Decline");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("id=\"Reason-error\" class=\"field-error field-validation-error\"", await empty.Content.ReadAsStringAsync(Token));
        var declined = await Forms.PostAsync(staff, $"/Staff/Applications/{secondId}",
            new Dictionary<string, string> { ["Reason"] = "Falta el carnet sanitario." }, $"/Staff/Applications/{secondId}/Decline");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(SeriesMembershipStatus.Declined, Assert.Single(await MembershipsAsync(series.Id, second.Id)).Status);

        var parana = await SignedInAsync(site, ParanaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync($"/Staff/Applications/{firstId}", Token)).StatusCode);
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, int seriesId) =>
        Forms.PostAsync(client, "/Producer/Series", new Dictionary<string, string>(),
            $"/Producer/Series?handler=Apply&id={seriesId}");

    private Task<List<SeriesMembership>> MembershipsAsync(int seriesId, int producerId) =>
        site.WithDbAsync(db => db.SeriesMemberships.AsNoTracking()
            .Where(m => m.FairSeriesId == seriesId && m.ProducerId == producerId)
            .ToListAsync(Token));
}
