using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedInAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FeeCollectedAmount",
                table: "Bookings",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeReceiptNumber",
                table: "Bookings",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeeSettledAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FairDayImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairDayImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FairDayImports_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FairDayImportProblems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FairDayImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairDayImportProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FairDayImportProblems_FairDayImports_FairDayImportId",
                        column: x => x.FairDayImportId,
                        principalTable: "FairDayImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_AtUtc",
                table: "AuditEntries",
                columns: new[] { "EntityType", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName_AtUtc",
                table: "AuditEntries",
                columns: new[] { "UserName", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FairDayImportProblems_FairDayImportId_Line",
                table: "FairDayImportProblems",
                columns: new[] { "FairDayImportId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_FairDayImports_MunicipalityId_CreatedAtUtc",
                table: "FairDayImports",
                columns: new[] { "MunicipalityId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FairDayImports_Status_LeaseUntilUtc",
                table: "FairDayImports",
                columns: new[] { "Status", "LeaseUntilUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "FairDayImportProblems");

            migrationBuilder.DropTable(
                name: "FairDayImports");

            migrationBuilder.DropColumn(
                name: "CheckedInAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "FeeCollectedAmount",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "FeeReceiptNumber",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "FeeSettledAtUtc",
                table: "Bookings");
        }
    }
}
