package dev.powerpages.emulator.appnode.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableCatalogTest {

    /** The shape of Dataverse's CSDL, trimmed: an entity set that is not the default plural, a lookup, a navigation. */
    private static final String CSDL = """
            <?xml version="1.0" encoding="utf-8"?>
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="task">
                    <Key><PropertyRef Name="activityid"/></Key>
                    <Property Name="activityid" Type="Edm.Guid"/>
                    <Property Name="subject" Type="Edm.String"/>
                    <Property Name="_regardingobjectid_value" Type="Edm.Guid"/>
                    <Property Name="createdon" Type="Edm.DateTimeOffset"/>
                    <NavigationProperty Name="regardingobjectid_account_task" Type="mscrm.account"/>
                  </EntityType>
                  <EntityType Name="account">
                    <Key><PropertyRef Name="accountid"/></Key>
                    <Property Name="accountid" Type="Edm.Guid"/>
                    <Property Name="name" Type="Edm.String"/>
                    <NavigationProperty Name="Account_Tasks" Type="Collection(mscrm.task)"/>
                  </EntityType>
                  <EntityType Name="nosettable"/>
                  <EntityContainer Name="System">
                    <EntitySet Name="tasks" EntityType="Microsoft.Dynamics.CRM.task"/>
                    <EntitySet Name="accountset" EntityType="Microsoft.Dynamics.CRM.account"/>
                  </EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;

    @Test
    void describesEachTablesEntitySetKeyColumnsLookupsAndNavigationOnce() {
        TableCatalog.Tables tables = TableCatalog.parse(CSDL);

        Table task = tables.byLogicalName().get("task");
        assertThat(task.entitySet()).isEqualTo("tasks");
        assertThat(task.primaryKey()).isEqualTo("activityid");
        assertThat(task.column("_regardingobjectid_value")).hasValueSatisfying(column -> {
            assertThat(column.edmType()).isEqualTo("Edm.Guid");
            assertThat(column.lookup()).isTrue();
        });
        assertThat(task.lookups()).containsExactly("regardingobjectid");
        assertThat(task.editableColumns()).extracting(Table.Column::name).containsExactly("subject");
        assertThat(task.navigationTargets()).containsEntry("regardingobjectid_account_task", "account");

        assertThat(tables.byEntitySet().get("accountset").logicalName()).isEqualTo("account");
        assertThat(tables.byLogicalName().get("account").navigationTargets()).containsEntry("Account_Tasks", "task");
        assertThat(tables.byLogicalName()).doesNotContainKey("nosettable");
    }

    @Test
    void aDocumentThatIsNotCsdlDescribesNoTables() {
        assertThat(TableCatalog.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")
                        .byLogicalName())
                .isEmpty();
        assertThat(TableCatalog.parse("").byLogicalName()).isEmpty();
    }
}
